package dev.cinnabar.server.config;

import dev.cinnabar.engine.KeyEventClass;

/**
 * The value of {@code notify-keyspace-events}: Redis's class letters as bits (the same bits
 * Redis uses, so that "A" and the letters combine exactly as there), parsed and shown back.
 */
public final class NotifyKeyspaceEvents {
    private NotifyKeyspaceEvents() {}

    // Redis's bits, so that the letters and "A" behave exactly as there.
    public static final int KEYSPACE = 1;
    public static final int KEYEVENT = 1 << 1;
    public static final int GENERIC = 1 << 2;
    public static final int STRING = 1 << 3;
    public static final int LIST = 1 << 4;
    public static final int SET = 1 << 5;
    public static final int HASH = 1 << 6;
    public static final int SORTED_SET = 1 << 7;
    public static final int EXPIRED = 1 << 8;
    public static final int EVICTED = 1 << 9;
    public static final int STREAM = 1 << 10;
    public static final int KEY_MISS = 1 << 11;
    public static final int MODULE = 1 << 12;
    public static final int NEW = 1 << 13;
    /** What "A" stands for: every class but key misses and new keys. */
    public static final int ALL = GENERIC | STRING | LIST | SET | HASH | SORTED_SET | EXPIRED | EVICTED | STREAM | MODULE;

    public static int classBit(KeyEventClass type) {
        return switch (type) {
            case GENERIC -> GENERIC;
            case STRING -> STRING;
            case LIST -> LIST;
            case SET -> SET;
            case HASH -> HASH;
            case SORTED_SET -> SORTED_SET;
            case EXPIRED -> EXPIRED;
            case EVICTED -> EVICTED;
            case STREAM -> STREAM;
            case KEY_MISS -> KEY_MISS;
            case MODULE -> MODULE;
            case NEW -> NEW;
        };
    }

    /** Parses the letters of notify-keyspace-events; -1 when one of them is not a class. */
    public static int parse(String letters) {
        int flags = 0;
        for (char ch : letters.toCharArray()) {
            int bit = switch (ch) {
                case 'A' -> ALL;
                case 'g' -> GENERIC;
                case '$' -> STRING;
                case 'l' -> LIST;
                case 's' -> SET;
                case 'h' -> HASH;
                case 'z' -> SORTED_SET;
                case 'x' -> EXPIRED;
                case 'e' -> EVICTED;
                case 'K' -> KEYSPACE;
                case 'E' -> KEYEVENT;
                case 't' -> STREAM;
                case 'm' -> KEY_MISS;
                case 'd' -> MODULE;
                case 'n' -> NEW;
                default -> 0;
            };
            if (bit == 0) {
                return -1;
            }
            flags |= bit;
        }
        return flags;
    }

    /**
     * The letters CONFIG GET shows. As in Redis 7.0, "A" replaces the classes it covers, and then
     * 'n' is not shown even when set (Redis writes it only in the branch without "A").
     */
    public static String format(int flags) {
        StringBuilder out = new StringBuilder();
        if ((flags & ALL) == ALL) {
            out.append('A');
        } else {
            String letters = "g$lshzxetdn";
            int[] bits = {GENERIC, STRING, LIST, SET, HASH, SORTED_SET, EXPIRED, EVICTED, STREAM, MODULE, NEW};
            for (int i = 0; i < bits.length; i++) {
                if ((flags & bits[i]) != 0) {
                    out.append(letters.charAt(i));
                }
            }
        }
        if ((flags & KEYSPACE) != 0) {
            out.append('K');
        }
        if ((flags & KEYEVENT) != 0) {
            out.append('E');
        }
        if ((flags & KEY_MISS) != 0) {
            out.append('m');
        }
        return out.toString();
    }
}
