package dev.cinnabar.bench;

import dev.cinnabar.engine.value.ZSkiplist;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The skiplist under redis-benchmark's sorted-set loads, without the network: a ZADD of a random
 * existing member with a random new score (the node moves: two walks of a list far larger than
 * the caches) and a ZINCRBY by one (the node mostly stays in place). The member names and the
 * score range are redis-benchmark's ("element:" and 12 digits, -r 100000).
 */
@State(Scope.Thread)
public class ZSkiplistBenchmark extends ProtocolBenchmarkSettings {
    private static final int DRAWS = 1 << 16;

    @Param({"100000"})
    public int members;

    private ZSkiplist list;
    private ZSkiplist.Node[] nodes;
    private int[] picks;
    private double[] scores;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        list = new ZSkiplist();
        nodes = new ZSkiplist.Node[members];
        for (int i = 0; i < members; i++) {
            byte[] member = String.format("element:%012d", i).getBytes(StandardCharsets.US_ASCII);
            nodes[i] = list.insert(random.nextInt(members), member);
        }
        picks = new int[DRAWS];
        scores = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            picks[i] = random.nextInt(members);
            scores[i] = random.nextInt(members);
        }
    }

    @Benchmark
    public ZSkiplist.Node moveToRandomScore() {
        int i = next++ & (DRAWS - 1);
        return list.updateScore(nodes[picks[i]], scores[i]);
    }

    @Benchmark
    public ZSkiplist.Node incrementByOne() {
        int i = next++ & (DRAWS - 1);
        ZSkiplist.Node node = nodes[picks[i]];
        return list.updateScore(node, node.score() + 1);
    }
}
