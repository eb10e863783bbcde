package dev.cinnabar.server.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The differential harness: sends the same command sequence to Cinnabar and to a real
 * redis-server and compares the raw replies step by step.
 *
 * <p>Sequences come from per-family generators, driven by a seeded {@link Random} so that every
 * run can be replayed: a failure reports the seed (re-run with {@code -Dcinnabar.seed=<seed>}) and
 * a shortened sequence that still shows the difference, found by removing steps while the
 * mismatch persists (each attempt replays from a clean state on fresh connections).
 */
public final class Differential {

    /** One command and how its reply is compared. */
    public record Step(List<byte[]> args, Comparison comparison) {
        public static Step of(Comparison comparison, String... args) {
            List<byte[]> list = new ArrayList<>();
            for (String a : args) {
                list.add(a.getBytes(StandardCharsets.UTF_8));
            }
            return new Step(list, comparison);
        }

        public static Step exact(String... args) {
            return of(Comparison.EXACT, args);
        }

        public String describe() {
            StringBuilder sb = new StringBuilder();
            for (byte[] a : args) {
                if (!sb.isEmpty()) {
                    sb.append(' ');
                }
                sb.append(dev.cinnabar.server.util.Repr.quote(a));
            }
            return sb.toString();
        }
    }

    /**
     * A comparison that keeps state between the steps of a sequence (for example the members a
     * step saw, which a later step's check needs): it is reset before every play, so a sequence
     * shortened while shrinking never meets state left by an earlier play.
     */
    public interface StatefulComparison extends Comparison {
        void reset();
    }

    /** Produces the next step of a random sequence. */
    @FunctionalInterface
    public interface Generator {
        Step next(Random random);
    }

    private final int cinnabarPort;
    private final int redisPort;
    private final List<Step> resetSteps;

    /**
     * @param resetSteps commands run on both servers before every (re)play, to start from the same
     *     state (for example FLUSHALL and CONFIG SET of the defaults)
     */
    public Differential(int cinnabarPort, int redisPort, List<Step> resetSteps) {
        this.cinnabarPort = cinnabarPort;
        this.redisPort = redisPort;
        this.resetSteps = resetSteps;
    }

    /** The seed to use: -Dcinnabar.seed when given, else {@code fallback}. */
    public static long seed(long fallback) {
        String s = System.getProperty("cinnabar.seed");
        return s == null || s.isBlank() ? fallback : Long.parseLong(s.trim());
    }

    /** Generates {@code length} steps from {@code seed} and checks them; throws AssertionError on a difference. */
    public void checkRandom(String family, long seed, int length, Generator generator) {
        Random random = new Random(seed);
        List<Step> steps = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            steps.add(generator.next(random));
        }
        Mismatch m = play(steps);
        if (m == null) {
            return;
        }
        List<Step> shortest = shrink(steps);
        Mismatch last = play(shortest);
        StringBuilder report = new StringBuilder();
        report.append("Cinnabar and redis-server differ (family ").append(family).append(", seed ").append(seed)
                .append("; replay with -Dcinnabar.seed=").append(seed).append(")\n");
        report.append("shortest sequence showing it (").append(shortest.size()).append(" of ").append(steps.size())
                .append(" steps):\n");
        for (Step s : shortest) {
            report.append("  ").append(s.describe()).append('\n');
        }
        Mismatch shown = last != null ? last : m;
        report.append(shown.describe());
        throw new AssertionError(report.toString());
    }

    /** Checks a fixed sequence. */
    public void check(List<Step> steps) {
        Mismatch m = play(steps);
        if (m != null) {
            throw new AssertionError("Cinnabar and redis-server differ\n" + m.describe());
        }
    }

    /** The first difference found while replaying {@code steps}, or null. */
    public record Mismatch(int index, Step step, byte[] cinnabar, byte[] redis, String why) {
        String describe() {
            return "at step " + (index + 1) + ": " + step.describe() + "\n  " + why + "\n  cinnabar: "
                    + printable(cinnabar) + "\n  redis:    " + printable(redis);
        }

        private static String printable(byte[] raw) {
            String s = new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n", "\\r\\n");
            return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
        }
    }

    public Mismatch play(List<Step> steps) {
        for (Step s : steps) {
            if (s.comparison() instanceof StatefulComparison stateful) {
                stateful.reset();
            }
        }
        // Keys expire only when a step touches them, on both servers: an expiry by each server's
        // own cron would make replies, events and invalidations depend on timing.
        try (RespConnection cinnabarControl = new RespConnection(cinnabarPort);
             RespConnection redisControl = new RespConnection(redisPort)) {
            cinnabarControl.call("DEBUG", "SET-ACTIVE-EXPIRE", "0");
            redisControl.call("DEBUG", "SET-ACTIVE-EXPIRE", "0");
            try {
                return playSteps(steps);
            } finally {
                cinnabarControl.call("DEBUG", "SET-ACTIVE-EXPIRE", "1");
                redisControl.call("DEBUG", "SET-ACTIVE-EXPIRE", "1");
            }
        }
    }

    private Mismatch playSteps(List<Step> steps) {
        try (RespConnection c = new RespConnection(cinnabarPort); RespConnection r = new RespConnection(redisPort)) {
            for (Step s : resetSteps) {
                c.callRaw(s.args());
                r.callRaw(s.args());
            }
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                byte[] x = withPushes(c, c.callRaw(s.args()));
                byte[] y = withPushes(r, r.callRaw(s.args()));
                String why = s.comparison().compare(x, y);
                if (why != null) {
                    return new Mismatch(i, s, x, y, why);
                }
            }
            return null;
        }
    }

    /** A RESP3 push is out-of-band: the command's own reply follows it, and both are compared together. */
    private static byte[] withPushes(RespConnection connection, byte[] reply) {
        byte[] all = reply;
        byte[] last = reply;
        while (last.length > 0 && last[0] == '>') {
            last = connection.readRaw();
            byte[] joined = java.util.Arrays.copyOf(all, all.length + last.length);
            System.arraycopy(last, 0, joined, all.length, last.length);
            all = joined;
        }
        return all;
    }

    /** Removes steps (halves, then quarters, down to single steps) while the mismatch persists. */
    public List<Step> shrink(List<Step> failing) {
        List<Step> current = new ArrayList<>(failing);
        Mismatch first = play(current);
        if (first != null) {
            current = new ArrayList<>(current.subList(0, first.index() + 1));
        }
        int chunk = Math.max(1, current.size() / 2);
        while (chunk >= 1) {
            boolean removed = false;
            for (int start = 0; start < current.size(); ) {
                int end = Math.min(current.size(), start + chunk);
                List<Step> candidate = new ArrayList<>(current.subList(0, start));
                candidate.addAll(current.subList(end, current.size()));
                if (!candidate.isEmpty() && play(candidate) != null) {
                    current = candidate;
                    removed = true;
                } else {
                    start = end;
                }
            }
            if (!removed) {
                chunk /= 2;
            }
        }
        return current;
    }
}
