package dev.cinnabar.resp;

import java.nio.charset.StandardCharsets;

/** Replies encoded once and written as bytes, never rebuilt. */
public final class SharedReplies {
    private SharedReplies() {}

    public static final byte[] OK = ascii("+OK\r\n");
    public static final byte[] PONG = ascii("+PONG\r\n");
    public static final byte[] QUEUED = ascii("+QUEUED\r\n");
    public static final byte[] ZERO = ascii(":0\r\n");
    public static final byte[] ONE = ascii(":1\r\n");
    public static final byte[] NULL_BULK = ascii("$-1\r\n");
    public static final byte[] NULL_ARRAY = ascii("*-1\r\n");
    public static final byte[] NULL3 = ascii("_\r\n");
    public static final byte[] EMPTY_ARRAY = ascii("*0\r\n");
    public static final byte[] EMPTY_BULK = ascii("$0\r\n\r\n");
    public static final byte[] TRUE3 = ascii("#t\r\n");
    public static final byte[] FALSE3 = ascii("#f\r\n");

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
