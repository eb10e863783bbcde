package dev.cinnabar.server.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.Cinnabar;
import dev.cinnabar.server.testing.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ListDirection;

/**
 * The reliable-queue pattern under contention: 20 producers push 100,000 jobs with LPUSH, 20
 * consumers take them with BLMOVE into a processing list and remove each with LREM once done,
 * every thread on its own connection. At the end every job was processed exactly once (none lost,
 * none duplicated) and both lists are empty. Waits are bounded generously; nothing is timed.
 */
class JobQueueTest {
    private static final int PRODUCERS = 20;
    private static final int CONSUMERS = 20;
    private static final int JOBS = 100_000;

    @Test
    void everyJobIsProcessedExactlyOnce() throws InterruptedException {
        try (Cinnabar server = TestServers.start()) {
            HostAndPort address = new HostAndPort(server.host(), server.port());
            Map<String, Integer> processed = new ConcurrentHashMap<>();
            AtomicInteger done = new AtomicInteger();
            AtomicInteger emptyWaits = new AtomicInteger();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(PRODUCERS + CONSUMERS);
            List<Runnable> work = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                work.add(() -> {
                    try (Jedis j = new Jedis(address)) {
                        start.await();
                        for (int n = producer; n < JOBS; n += PRODUCERS) {
                            j.lpush("queue", "job:" + n);
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                });
            }
            for (int i = 0; i < CONSUMERS; i++) {
                work.add(() -> {
                    try (Jedis j = new Jedis(address)) {
                        start.await();
                        while (done.get() < JOBS && failures.isEmpty()) {
                            String job = j.blmove("queue", "processing", ListDirection.RIGHT, ListDirection.LEFT, 0.5);
                            if (job == null) {
                                emptyWaits.incrementAndGet();
                                continue;
                            }
                            processed.merge(job, 1, Integer::sum);
                            long removed = j.lrem("processing", 1, job);
                            if (removed != 1) {
                                throw new AssertionError("LREM of " + job + " removed " + removed);
                            }
                            done.incrementAndGet();
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                });
            }
            work.forEach(threads::execute);
            start.countDown();
            threads.shutdown();
            boolean finished = threads.awaitTermination(10, TimeUnit.MINUTES);
            threads.shutdownNow();
            assertThat(failures).as("failures in client threads").isEmpty();
            assertThat(finished).as("all threads finished").isTrue();
            assertThat(done.get()).isEqualTo(JOBS);
            assertThat(processed).as("distinct jobs processed").hasSize(JOBS);
            assertThat(processed.values()).as("times each job was processed").containsOnly(1);
            for (int n = 0; n < JOBS; n++) {
                assertThat(processed).containsKey("job:" + n);
            }
            try (Jedis j = new Jedis(address)) {
                assertThat(j.llen("queue")).isZero();
                assertThat(j.llen("processing")).isZero();
                assertThat(j.exists("queue", "processing")).isZero();
                assertThat(j.info("clients")).contains("blocked_clients:0");
            }
        }
    }
}
