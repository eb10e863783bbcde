package dev.cinnabar.engine.value;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * DEBUG DIGEST and DEBUG DIGEST-VALUE with Redis's exact algorithm (debug.c), so that a dataset
 * in Cinnabar and the same dataset in Redis give the same hex string: a 20-byte digest built
 * with SHA-1 by "mixing" (xor the SHA-1 of some bytes in, then hash the digest itself; order
 * matters) and "xoring" (xor the SHA-1 in; order does not matter).
 */
public final class ValueDigest {
    private static final byte[] EXPIRE_MARK = "!!expire!!".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private final MessageDigest sha1;

    public ValueDigest() {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** xorDigest: xor the SHA-1 of {@code bytes} into {@code digest}. */
    public void xor(byte[] digest, byte[] bytes, int off, int len) {
        sha1.reset();
        sha1.update(bytes, off, len);
        byte[] h = sha1.digest();
        for (int i = 0; i < 20; i++) {
            digest[i] ^= h[i];
        }
    }

    public void xor(byte[] digest, byte[] bytes) {
        xor(digest, bytes, 0, bytes.length);
    }

    /** mixDigest: xor the SHA-1 of {@code bytes} in, then replace the digest by its own SHA-1. */
    public void mix(byte[] digest, byte[] bytes, int off, int len) {
        xor(digest, bytes, off, len);
        sha1.reset();
        byte[] h = sha1.digest(digest);
        System.arraycopy(h, 0, digest, 0, 20);
    }

    public void mix(byte[] digest, byte[] bytes) {
        mix(digest, bytes, 0, bytes.length);
    }

    private static byte[] bigEndian(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** Mixes a 32-bit number in network byte order (Redis's htonl). */
    public void mixInt(byte[] digest, int value) {
        mix(digest, bigEndian(value));
    }

    /**
     * xorObjectDigest: continues {@code digest} with the value's type and content, and the expire
     * mark when the key has an expire time.
     */
    public void addValue(byte[] digest, Object value, boolean hasExpire) {
        ValueType type = ValueType.of(value);
        mixInt(digest, type.code());
        if (type == ValueType.STRING) {
            mix(digest, StringValues.bytes(value));
        } else {
            ((CompositeValue) value).digest(this, digest);
        }
        if (hasExpire) {
            xor(digest, EXPIRE_MARK);
        }
    }

    public static String hex(byte[] digest) {
        return java.util.HexFormat.of().formatHex(digest);
    }
}
