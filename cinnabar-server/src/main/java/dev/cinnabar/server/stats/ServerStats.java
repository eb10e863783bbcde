package dev.cinnabar.server.stats;

import java.util.Map;
import java.util.TreeMap;

/**
 * Server-wide counters behind INFO stats and INFO errorstats. Updated by the event-loop thread
 * only; INFO reads them on the same thread.
 */
public final class ServerStats {
    /** Redis stops tracking new error prefixes beyond this many, to bound memory. */
    private static final int MAX_ERROR_PREFIXES = 128;

    public long connectionsReceived;
    public long rejectedConnections;
    public long commandsProcessed;
    public long netInputBytes;
    public long netOutputBytes;
    public long errorReplies;
    public long unexpectedErrorReplies;
    public long readsProcessed;
    public long writesProcessed;
    public long evictedClients;
    public long evictedKeys;

    private final Map<String, Long> errorsByPrefix = new TreeMap<>();
    private boolean errorTrackingDisabled;

    private final InstantaneousMetric operations = new InstantaneousMetric();
    private final InstantaneousMetric inputBytes = new InstantaneousMetric();
    private final InstantaneousMetric outputBytes = new InstantaneousMetric();

    /** Counts one error reply under its prefix (the first word, e.g. "ERR" or "WRONGTYPE"). */
    public void countError(String message) {
        errorReplies++;
        if (errorTrackingDisabled) {
            return;
        }
        int space = message.indexOf(' ');
        String prefix = space < 0 ? message : message.substring(0, space);
        Long count = errorsByPrefix.get(prefix);
        if (count == null && errorsByPrefix.size() >= MAX_ERROR_PREFIXES) {
            // Redis disables tracking (and clears the table) when clients invent too many prefixes.
            errorTrackingDisabled = true;
            errorsByPrefix.clear();
            return;
        }
        errorsByPrefix.put(prefix, count == null ? 1 : count + 1);
    }

    public Map<String, Long> errorsByPrefix() {
        return errorsByPrefix;
    }

    /** Samples the instantaneous metrics (called from the server cron). */
    public void sample(long nowMillis) {
        operations.sample(nowMillis, commandsProcessed);
        inputBytes.sample(nowMillis, netInputBytes);
        outputBytes.sample(nowMillis, netOutputBytes);
    }

    public long instantaneousOpsPerSecond() {
        return (long) operations.perSecond();
    }

    public double instantaneousInputKbps() {
        return inputBytes.perSecond() / 1024;
    }

    public double instantaneousOutputKbps() {
        return outputBytes.perSecond() / 1024;
    }

    /** CONFIG RESETSTAT. */
    public void reset() {
        connectionsReceived = 0;
        rejectedConnections = 0;
        commandsProcessed = 0;
        netInputBytes = 0;
        netOutputBytes = 0;
        errorReplies = 0;
        unexpectedErrorReplies = 0;
        readsProcessed = 0;
        writesProcessed = 0;
        evictedClients = 0;
        evictedKeys = 0;
        errorsByPrefix.clear();
        errorTrackingDisabled = false;
        operations.reset();
        inputBytes.reset();
        outputBytes.reset();
    }

    /**
     * A rate over the last samples, as Redis's trackInstantaneousMetric computes it: the mean of
     * the per-second rates of the last 16 sampling intervals.
     */
    static final class InstantaneousMetric {
        private static final int SAMPLES = 16;
        private final double[] rates = new double[SAMPLES];
        private int index;
        private long lastMillis = -1;
        private long lastValue;

        void sample(long nowMillis, long value) {
            if (lastMillis >= 0 && nowMillis > lastMillis) {
                rates[index] = (value - lastValue) * 1000.0 / (nowMillis - lastMillis);
                index = (index + 1) % SAMPLES;
            }
            lastMillis = nowMillis;
            lastValue = value;
        }

        double perSecond() {
            double sum = 0;
            for (double r : rates) {
                sum += r;
            }
            return sum / SAMPLES;
        }

        void reset() {
            java.util.Arrays.fill(rates, 0);
            lastMillis = -1;
        }
    }
}
