package dev.cinnabar.server.stats;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LATENCY LATEST / HISTORY: for each event class ("command", "fast-command", ...) the samples
 * above latency-monitor-threshold milliseconds, one per second at most (the worst of that
 * second), the last 160 kept, as Redis's latency monitor does.
 */
public final class LatencyMonitor {
    static final int HISTORY = 160;

    /** One sample: a second and the worst latency seen in it. */
    public record Sample(long unixSeconds, long milliseconds) {}

    /** An event's history and summary. */
    public static final class Series {
        final Deque<Sample> samples = new ArrayDeque<>();
        long maxMilliseconds;

        public Sample latest() {
            return samples.peekLast();
        }

        public long max() {
            return maxMilliseconds;
        }

        public Iterator<Sample> oldestFirst() {
            return samples.iterator();
        }
    }

    private final Map<String, Series> events = new LinkedHashMap<>();

    /** Records that {@code event} took {@code milliseconds}, when above the threshold (0 disables). */
    public void record(String event, long milliseconds, long thresholdMillis) {
        if (thresholdMillis <= 0 || milliseconds < thresholdMillis) {
            return;
        }
        long now = System.currentTimeMillis() / 1000;
        Series series = events.computeIfAbsent(event, e -> new Series());
        Sample last = series.samples.peekLast();
        if (last != null && last.unixSeconds() == now) {
            if (milliseconds > last.milliseconds()) {
                series.samples.removeLast();
                series.samples.addLast(new Sample(now, milliseconds));
            }
        } else {
            series.samples.addLast(new Sample(now, milliseconds));
            if (series.samples.size() > HISTORY) {
                series.samples.removeFirst();
            }
        }
        series.maxMilliseconds = Math.max(series.maxMilliseconds, milliseconds);
    }

    public Map<String, Series> events() {
        return events;
    }

    /** Forgets the named events (all when none are named); returns how many were reset. */
    public int reset(java.util.Collection<String> names) {
        if (names.isEmpty()) {
            int n = events.size();
            events.clear();
            return n;
        }
        int n = 0;
        for (String name : names) {
            if (events.remove(name) != null) {
                n++;
            }
        }
        return n;
    }
}
