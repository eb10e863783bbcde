package dev.cinnabar.bench;

import dev.cinnabar.engine.value.Listpack;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A field lookup in a small hash's listpack (20 field/value pairs, redis-benchmark's 12-digit
 * names): {@link Listpack#find} with a skip of one against the loop of {@code equalsAt} and
 * {@code next} that hashes and sorted sets used before it.
 */
@State(Scope.Thread)
public class ListpackBenchmark extends ProtocolBenchmarkSettings {
    /** The field looked up: the 11th of 20, or one that is absent (the whole listpack is walked). */
    @Param({"f:000000000010", "f:999999999999"})
    public String field;

    private Listpack listpack;
    private byte[] wanted;

    @Setup(Level.Trial)
    public void setUp() {
        listpack = new Listpack();
        for (int i = 0; i < 20; i++) {
            listpack.append(String.format("f:%012d", i).getBytes(StandardCharsets.US_ASCII));
            listpack.append(("value-" + i).getBytes(StandardCharsets.US_ASCII));
        }
        wanted = field.getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    public int find() {
        return listpack.find(wanted, 0, wanted.length, 1);
    }

    @Benchmark
    public int equalsAtAndNextLoop() {
        for (int p = listpack.first(); p >= 0; ) {
            if (listpack.equalsAt(p, wanted, 0, wanted.length)) {
                return p;
            }
            p = listpack.next(p);
            p = p < 0 ? p : listpack.next(p);
        }
        return -1;
    }
}
