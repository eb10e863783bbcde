package dev.cinnabar.server.stats;

import dev.cinnabar.resp.CommandArguments;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * SLOWLOG: the most recent commands that took longer than slowlog-log-slower-than
 * microseconds, newest first, with Redis's argument trimming (at most 32 arguments, each at most
 * 128 bytes, the rest summarised).
 */
public final class Slowlog {
    static final int MAX_ARGUMENTS = 32;
    static final int MAX_ARGUMENT_LENGTH = 128;

    /** One slow command. */
    public record Entry(long id, long unixSeconds, long microseconds, byte[][] arguments, String peer, String clientName) {}

    private final Deque<Entry> entries = new ArrayDeque<>();
    private long nextId;

    /** Records a command if it was slow enough. */
    public void record(CommandArguments args, long microseconds, long thresholdMicros, long maxLength,
                       String peer, String clientName) {
        if (thresholdMicros < 0 || microseconds < thresholdMicros || maxLength == 0) {
            return;
        }
        int argc = args.count();
        int kept = Math.min(argc, MAX_ARGUMENTS);
        byte[][] argv = new byte[kept][];
        for (int i = 0; i < kept; i++) {
            if (kept != argc && i == kept - 1) {
                argv[i] = ("... (" + (argc - kept + 1) + " more arguments)").getBytes(StandardCharsets.ISO_8859_1);
            } else if (args.length(i) > MAX_ARGUMENT_LENGTH) {
                byte[] head = new byte[MAX_ARGUMENT_LENGTH];
                System.arraycopy(args.arrayOf(i), args.offsetOf(i), head, 0, MAX_ARGUMENT_LENGTH);
                String tail = "... (" + (args.length(i) - MAX_ARGUMENT_LENGTH) + " more bytes)";
                byte[] t = tail.getBytes(StandardCharsets.ISO_8859_1);
                byte[] all = new byte[head.length + t.length];
                System.arraycopy(head, 0, all, 0, head.length);
                System.arraycopy(t, 0, all, head.length, t.length);
                argv[i] = all;
            } else {
                argv[i] = args.copy(i);
            }
        }
        entries.addFirst(new Entry(nextId++, System.currentTimeMillis() / 1000, microseconds, argv, peer, clientName));
        trim(maxLength);
    }

    public void trim(long maxLength) {
        while (entries.size() > maxLength) {
            entries.removeLast();
        }
    }

    public int length() {
        return entries.size();
    }

    public void reset() {
        entries.clear();
    }

    /** Newest first. */
    public Iterator<Entry> iterator() {
        return entries.iterator();
    }
}
