package dev.cinnabar.engine.value;

import java.nio.charset.StandardCharsets;

/**
 * The string type. A string value is stored in one of three forms, which are Redis's three
 * encodings as OBJECT ENCODING reports them:
 * <ul>
 *   <li>{@link Long} — "int": a string that reads as a 64-bit integer (created by SET when the
 *       text is such an integer, and by INCR and friends);</li>
 *   <li>{@code byte[]} — "embstr" up to 44 bytes, "raw" above: a value stored as given;</li>
 *   <li>{@link MutableString} — "raw": a value modified in place (APPEND, SETRANGE, SETBIT).</li>
 * </ul>
 * These rules decide the encoding Redis reports, so they are reproduced exactly: a value set from
 * a client is an integer when Redis's tryObjectEncoding would make it one (at most 20 bytes that
 * string2l accepts: the caller, which parses client input, decides), else embstr up to 44 bytes,
 * else raw.
 */
public final class StringValues {
    /** Redis's OBJ_ENCODING_EMBSTR_SIZE_LIMIT. */
    public static final int EMBSTR_LIMIT = 44;

    private StringValues() {}

    public static boolean isString(Object value) {
        return value instanceof byte[] || value instanceof Long || value instanceof MutableString;
    }

    /** OBJECT ENCODING's name for a string value. */
    public static String encoding(Object value) {
        if (value instanceof Long) {
            return "int";
        }
        if (value instanceof byte[] b) {
            return b.length <= EMBSTR_LIMIT ? "embstr" : "raw";
        }
        return "raw";
    }

    /** Length in bytes (STRLEN). */
    public static long length(Object value) {
        if (value instanceof byte[] b) {
            return b.length;
        }
        if (value instanceof MutableString m) {
            return m.length();
        }
        return Long.toString((Long) value).length();
    }

    /** The bytes of a string value (a fresh array for integers, the stored array otherwise). */
    public static byte[] bytes(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof MutableString m) {
            return m.toBytes();
        }
        return Long.toString((Long) value).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A mutable copy of a string value, for in-place changes. */
    public static MutableString toMutable(Object value) {
        if (value instanceof MutableString m) {
            return m;
        }
        byte[] b = bytes(value);
        return MutableString.copyOf(b, 0, b.length);
    }
}
