package dev.cinnabar.server.util;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The server log, in Redis's line format so that log tooling written for Redis reads it:
 * {@code pid:role dd Mon yyyy HH:MM:SS.mmm <level> message}, where the level is one of
 * {@code .} (debug), {@code -} (verbose), {@code *} (notice) and {@code #} (warning), and the
 * role is {@code M} for a primary. Lines go to the logfile, or to standard output when it is "".
 */
public final class ServerLog {
    public enum Level {
        DEBUG('.'), VERBOSE('-'), NOTICE('*'), WARNING('#');

        final char mark;

        Level(char mark) {
            this.mark = mark;
        }

        public static Level parse(String name) {
            return Level.valueOf(name.toUpperCase(Locale.ROOT));
        }

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ENGLISH).withZone(ZoneId.systemDefault());

    private final long pid = ProcessHandle.current().pid();
    private volatile Level level = Level.NOTICE;
    private volatile char role = 'M';
    private PrintStream out = System.out;
    private String file = "";

    public void setLevel(Level level) {
        this.level = level;
    }

    public Level level() {
        return level;
    }

    public void setRole(char role) {
        this.role = role;
    }

    /** Sends log lines to {@code path} (appending), or to standard output for "". */
    public synchronized void setFile(String path) throws IOException {
        if (path.equals(file)) {
            return;
        }
        PrintStream next = path.isEmpty()
                ? System.out
                : new PrintStream(new FileOutputStream(path, true), true, StandardCharsets.UTF_8);
        if (out != System.out) {
            out.close();
        }
        out = next;
        file = path;
    }

    public boolean enabled(Level at) {
        return at.ordinal() >= level.ordinal();
    }

    public void log(Level at, String message) {
        if (!enabled(at)) {
            return;
        }
        String line = pid + ":" + role + " " + TIME.format(Instant.now()) + " " + at.mark + " " + message;
        synchronized (this) {
            out.println(line);
            out.flush();
        }
    }

    /** Writes an exception's stack trace below a warning line. */
    public void log(Level at, String message, Throwable t) {
        log(at, message);
        if (enabled(at)) {
            synchronized (this) {
                t.printStackTrace(out);
                out.flush();
            }
        }
    }

    public void debug(String message) {
        log(Level.DEBUG, message);
    }

    public void verbose(String message) {
        log(Level.VERBOSE, message);
    }

    public void notice(String message) {
        log(Level.NOTICE, message);
    }

    public void warning(String message) {
        log(Level.WARNING, message);
    }

    /** Raw output (used for the start-up banner and fatal config errors). */
    public synchronized OutputStream stream() {
        return out;
    }

    public synchronized void close() {
        if (out != System.out) {
            out.close();
            out = System.out;
            file = "";
        }
    }
}
