package dev.cinnabar.engine.table;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The model of a {@link Dict} for property tests: a HashMap by key content, with random picks. */
final class KeyModel {
    private final Map<ByteBuffer, Object> values = new HashMap<>();
    private final Map<ByteBuffer, Integer> positions = new HashMap<>();
    private final List<ByteBuffer> keys = new ArrayList<>();

    static ByteBuffer wrap(byte[] key) {
        return ByteBuffer.wrap(key);
    }

    int size() {
        return keys.size();
    }

    boolean contains(byte[] key) {
        return values.containsKey(wrap(key));
    }

    Object get(byte[] key) {
        return values.get(wrap(key));
    }

    Map<ByteBuffer, Object> asMap() {
        return values;
    }

    void put(byte[] key, Object value) {
        ByteBuffer k = wrap(key.clone());
        if (values.put(k, value) == null) {
            positions.put(k, keys.size());
            keys.add(k);
        }
    }

    boolean remove(byte[] key) {
        ByteBuffer k = wrap(key);
        if (values.remove(k) == null) {
            return false;
        }
        int position = positions.remove(k);
        ByteBuffer last = keys.removeLast();
        if (position < keys.size()) {
            keys.set(position, last);
            positions.put(last, position);
        }
        return true;
    }

    void clear() {
        values.clear();
        positions.clear();
        keys.clear();
    }

    /** A random present key (a fresh copy, so that the dict cannot rely on the model's array). */
    byte[] randomKey(Random random) {
        return keys.get(random.nextInt(keys.size())).array().clone();
    }

    /** A key drawn from a universe of {@code universe} names, or occasionally random bytes (often short). */
    static byte[] randomKey(Random random, int universe) {
        if (random.nextInt(10) < 7) {
            return ("k" + random.nextInt(Math.max(1, universe))).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        byte[] b = new byte[random.nextInt(random.nextBoolean() ? 3 : 24)];
        random.nextBytes(b);
        return b;
    }

    /** A key absent from the model. */
    byte[] absentKey(Random random, int universe) {
        for (int tries = 0; tries < 20; tries++) {
            byte[] k = randomKey(random, universe);
            if (!contains(k)) {
                return k;
            }
        }
        while (true) {
            byte[] k = new byte[8 + random.nextInt(16)];
            random.nextBytes(k);
            if (!contains(k)) {
                return k;
            }
        }
    }
}
