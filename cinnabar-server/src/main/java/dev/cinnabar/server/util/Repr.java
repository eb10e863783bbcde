package dev.cinnabar.server.util;

/**
 * Redis's sdscatrepr: a byte string in double quotes with C escapes, as MONITOR, the config
 * error messages and CLIENT LIST's query-buffer dumps print it.
 */
public final class Repr {
    private Repr() {}

    public static String quote(byte[] bytes) {
        return quote(bytes, 0, bytes.length);
    }

    public static String quote(byte[] bytes, int off, int len) {
        StringBuilder sb = new StringBuilder(len + 2);
        appendQuoted(sb, bytes, off, len);
        return sb.toString();
    }

    public static String quote(String latin1) {
        return quote(latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    public static void appendQuoted(StringBuilder sb, byte[] bytes, int off, int len) {
        sb.append('"');
        for (int i = off; i < off + len; i++) {
            int c = bytes[i] & 0xff;
            switch (c) {
                case '\\', '"' -> sb.append('\\').append((char) c);
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                default -> {
                    // isprint() in the C locale: 0x20..0x7e.
                    if (c >= 0x20 && c <= 0x7e) {
                        sb.append((char) c);
                    } else {
                        sb.append("\\x");
                        sb.append(Character.forDigit(c >> 4, 16));
                        sb.append(Character.forDigit(c & 15, 16));
                    }
                }
            }
        }
        sb.append('"');
    }
}
