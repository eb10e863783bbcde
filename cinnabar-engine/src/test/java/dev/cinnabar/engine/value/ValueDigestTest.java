package dev.cinnabar.engine.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DEBUG DIGEST-VALUE and DEBUG DIGEST as a real redis-server 7.0.15 computes them. The table
 * src/test/resources/oracle/digest.txt (made by src/test/oracle/generate_digest_table.py) holds
 * the digests of about 260 string values, with and without an expire time, and of six small
 * datasets spread over several databases.
 */
class ValueDigestTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] hex(String field) {
        assertThat(field).startsWith("x");
        return HexFormat.of().parseHex(field.substring(1));
    }

    /** DEBUG DIGEST-VALUE of one key: the value's digest from zeros, without the key name. */
    private static String digestValue(Object value, boolean hasExpire) {
        byte[] digest = new byte[20];
        new ValueDigest().addValue(digest, value, hasExpire);
        return ValueDigest.hex(digest);
    }

    private record Key(int db, byte[] key, byte[] value, boolean expire) {}

    /** DEBUG DIGEST of a dataset, composed from the primitives as debug.c does (research notes §7). */
    private static String digestDataset(List<Key> keys) {
        ValueDigest vd = new ValueDigest();
        byte[] total = new byte[20];
        for (int db = 0; db < 16; db++) {
            boolean first = true;
            for (Key k : keys) {
                if (k.db() != db) {
                    continue;
                }
                if (first) {
                    vd.mixInt(total, db);
                    first = false;
                }
                byte[] d = new byte[20];
                vd.mix(d, k.key());
                vd.addValue(d, k.value(), k.expire());
                vd.xor(total, d);
            }
        }
        return ValueDigest.hex(total);
    }

    @Test
    void theWorkedExamplesOfTheResearchNotes() {
        assertThat(digestValue(b("1"), false)).isEqualTo("b4fc66738120fba0b5aa500ab5c2bf89cea1c5da");
        assertThat(digestValue(1L, false)).as("an int-encoded string digests its decimal text")
                .isEqualTo("b4fc66738120fba0b5aa500ab5c2bf89cea1c5da");
        assertThat(digestValue(b("hello"), false)).isEqualTo("36b23a1456b2dce2c3ed252c456761301dba8060");
        assertThat(digestValue(new MutableString(b("hello")), false)).isEqualTo("36b23a1456b2dce2c3ed252c456761301dba8060");
        // The expire time itself is not hashed, only the fact that there is one.
        assertThat(digestValue(b("hello"), true)).isEqualTo("d037c4eb8a8b36b602fbced4000daeab0714c1e3");
        assertThat(ValueDigest.hex(new byte[20])).isEqualTo("0".repeat(40));
        assertThat(digestDataset(List.of(new Key(1, b("k"), b("v"), false))))
                .isEqualTo("3efb24844f90383a755c8c3b3dd4be484730a360");
        assertThat(digestDataset(List.of(new Key(0, b("a"), b("1"), false))))
                .isEqualTo("943d800368fb9c0e951138f1bc0e313ac769d91f");
        assertThat(digestDataset(List.of(new Key(0, b("a"), b("1"), false), new Key(0, b("b"), b("hello"), true))))
                .isEqualTo("669dc7955c0119edb82e7cfeb40ea4a28f89f902");
    }

    @Test
    void mutableStringsWithSpareCapacityDigestOnlyTheirContent() {
        MutableString m = new MutableString(b("he"));
        m.append(b("llo"), 0, 3); // grows the array beyond the length
        assertThat(m.array().length).isGreaterThan(m.length());
        assertThat(digestValue(m, false)).isEqualTo("36b23a1456b2dce2c3ed252c456761301dba8060");
    }

    @Test
    void agreesWithRedisOnEveryValueAndDatasetOfTheTable() throws IOException {
        List<String> mismatches = new ArrayList<>();
        List<Key> dataset = new ArrayList<>();
        int values = 0;
        int datasets = 0;
        try (InputStream in = ValueDigestTest.class.getResourceAsStream("/oracle/digest.txt")) {
            assertThat(in).as("the oracle table").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "V" -> {
                        byte[] value = hex(f[1]);
                        boolean expire = f[2].equals("1");
                        values++;
                        check(mismatches, "value " + f[1] + " expire " + expire, f[3], digestValue(value, expire));
                        // The server stores integers as Long (Redis's int encoding): same digest.
                        Long number = asCanonicalLong(value);
                        if (number != null) {
                            check(mismatches, "int " + number + " expire " + expire, f[3], digestValue(number, expire));
                        }
                    }
                    case "S" -> dataset.add(new Key(Integer.parseInt(f[1]), hex(f[2]), hex(f[3]), f[4].equals("1")));
                    case "D" -> {
                        datasets++;
                        check(mismatches, "dataset " + datasets, f[1], digestDataset(dataset));
                        dataset.clear();
                    }
                    default -> throw new AssertionError("bad line " + line);
                }
            }
        }
        assertThat(values).isGreaterThan(400);
        assertThat(datasets).isEqualTo(6);
        assertThat(mismatches).as("%d mismatches", mismatches.size()).isEmpty();
    }

    private static void check(List<String> mismatches, String what, String expected, String actual) {
        if (!expected.equals(actual)) {
            mismatches.add(what + ": Redis " + expected + ", ValueDigest " + actual);
        }
    }

    /** The value as a Long when its text is exactly the decimal form of one (what SET stores as int). */
    private static Long asCanonicalLong(byte[] value) {
        String s = new String(value, StandardCharsets.ISO_8859_1);
        try {
            long n = Long.parseLong(s);
            return Long.toString(n).equals(s) ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
