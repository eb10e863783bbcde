package dev.cinnabar.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flush after a round of reads: one scheduled task per round, whatever the number of reads. */
class ClientRegistryTest {

    @Test
    void readsOfOneRoundScheduleOneFlushAndTheNextRoundAnother() {
        ClientRegistry registry = new ClientRegistry();
        int[] flushes = {0};
        registry.setBeforeFlush(() -> flushes[0]++);
        List<Runnable> loop = new ArrayList<>();
        for (int connection = 0; connection < 50; connection++) {
            registry.flushAfterReads(loop::add); // channelReadComplete of each ready connection
        }
        assertThat(loop).hasSize(1);
        assertThat(flushes[0]).isZero();
        loop.removeFirst().run(); // the event loop's tasks, after its reads
        assertThat(flushes[0]).isEqualTo(1);
        registry.flushAfterReads(loop::add);
        registry.flushAfterReads(loop::add);
        assertThat(loop).hasSize(1);
        loop.removeFirst().run();
        assertThat(flushes[0]).isEqualTo(2);
    }
}
