package dev.cinnabar.bench;

import dev.cinnabar.resp.ReplyWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link ReplyWriter} writing replies into its pooled output buffer, in RESP2 and RESP3. Each
 * invocation writes a batch of 16 replies (as for a pipeline of 16 commands) and then rewinds the
 * buffer, so the same pooled buffer is reused; results are per reply. {@link #flushCycle} adds
 * what the server does once per read batch: take the pending bytes as a retained slice, release
 * the slice (as the channel does once written) and recycle the buffer.
 * The design target is zero allocation for every reply type except doubles (still formatted
 * through a String).
 */
@State(Scope.Thread)
public class ReplyWriterBenchmark extends ProtocolBenchmarkSettings {
    static final int BATCH = 16;

    @Param({"2", "3"})
    public int protocol;

    ReplyWriter writer;
    final byte[] value64 = new byte[64];
    final byte[] element16 = new byte[16];

    @Setup(Level.Trial)
    public void setUp() {
        Arrays.fill(value64, (byte) 'v');
        Arrays.fill(element16, (byte) 'e');
        writer = new ReplyWriter(PooledByteBufAllocator.DEFAULT);
        writer.setProtocol(protocol);
        writer.buffer().ensureWritable(64 * 1024);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        writer.release();
    }

    /** +OK (pre-encoded). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int ok() {
        for (int i = 0; i < BATCH; i++) {
            writer.ok();
        }
        return done();
    }

    /** +PONG through simple(String). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int simpleString() {
        for (int i = 0; i < BATCH; i++) {
            writer.simple("PONG");
        }
        return done();
    }

    /** :123456789 (formatted, not one of the shared 0/1 replies). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int integer() {
        for (int i = 0; i < BATCH; i++) {
            writer.integer(123_456_789L + i);
        }
        return done();
    }

    /** $64 bulk string (a GET hit). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int bulk64() {
        for (int i = 0; i < BATCH; i++) {
            writer.bulk(value64);
        }
        return done();
    }

    /** Null bulk ($-1 or _), a GET miss. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int nullBulk() {
        for (int i = 0; i < BATCH; i++) {
            writer.nullBulk();
        }
        return done();
    }

    /** An array of 10 bulk strings of 16 bytes (an LRANGE 0 9); one op = the whole array. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int array10() {
        for (int i = 0; i < BATCH; i++) {
            writer.arrayHeader(10);
            for (int k = 0; k < 10; k++) {
                writer.bulk(element16);
            }
        }
        return done();
    }

    /**
     * An array of 100 bulk strings of 6 bytes whose length is known only at the end (a
     * ZRANGEBYSCORE of 100 members): the header goes in front once the elements are written.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int deferredArray100() {
        for (int i = 0; i < BATCH; i++) {
            long mark = writer.beginDeferred();
            for (int k = 0; k < 100; k++) {
                writer.bulk(element16, 0, 6);
            }
            writer.endDeferredArray(mark, 100);
        }
        return done();
    }

    /** A map of 2 pairs (RESP3 %2, RESP2 *4) of bulk key and integer value (an HGETALL-like reply). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int map2() {
        for (int i = 0; i < BATCH; i++) {
            writer.mapHeader(2);
            writer.bulk(element16);
            writer.integer(42);
            writer.bulk(element16);
            writer.integer(4242);
        }
        return done();
    }

    /** A double (ZSCORE/INCRBYFLOAT): RESP3 ",3.14", RESP2 "$4 3.14". */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int doubleValue() {
        for (int i = 0; i < BATCH; i++) {
            writer.doubleValue(3.14);
        }
        return done();
    }

    /**
     * 16 $64 bulk replies, then the flush of one read batch: the pending bytes as a retained slice
     * (released here as the channel releases it once written) and the buffer recycled.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int flushCycle() {
        for (int i = 0; i < BATCH; i++) {
            writer.bulk(value64);
        }
        ByteBuf out = writer.takePending();
        int n = out.readableBytes();
        out.release();
        writer.recycle();
        return n;
    }

    private int done() {
        int written = writer.pendingBytes();
        writer.rewind(0);
        return written;
    }
}
