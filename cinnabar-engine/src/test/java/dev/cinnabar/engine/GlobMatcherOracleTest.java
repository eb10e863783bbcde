package dev.cinnabar.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link GlobMatcher} against what a real redis-server 7.0.15 answered, committed as a table
 * (src/test/resources/oracle/glob.txt, made by src/test/oracle/generate_glob_table.py): about
 * 3000 random patterns over a set of 260 binary keys, as KEYS matched them (case-sensitive), and
 * 1500 patterns over Redis's config names, as CONFIG GET matched them (case-insensitive). The
 * patterns mix stars, ?, classes with negation, ranges both ways, escapes, unterminated classes,
 * bytes above 0x7f and NUL, plus long patterns at Redis's nesting limit.
 */
class GlobMatcherOracleTest {

    private static byte[] hex(String field) {
        assertThat(field).startsWith("x");
        return HexFormat.of().parseHex(field.substring(1));
    }

    private static String show(byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        return s.length() > 80 ? s.substring(0, 80) + "...(" + b.length + " bytes)" : s;
    }

    @Test
    void agreesWithRedisOnEveryPatternOfTheTable() throws IOException {
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> names = new ArrayList<>();
        List<String[]> keyCases = new ArrayList<>();
        List<String[]> nameCases = new ArrayList<>();
        try (InputStream in = GlobMatcherOracleTest.class.getResourceAsStream("/oracle/glob.txt")) {
            assertThat(in).as("the oracle table").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "K" -> keys.add(hex(f[1]));
                    case "N" -> names.add(hex(f[1]));
                    case "P" -> keyCases.add(f);
                    case "I" -> nameCases.add(f);
                    default -> throw new AssertionError("bad line " + line);
                }
            }
        }
        assertThat(keyCases).hasSizeGreaterThan(2500);
        assertThat(nameCases).hasSizeGreaterThan(1000);
        List<String> mismatches = new ArrayList<>();
        int[] positives = new int[2];
        check(keyCases, keys, false, mismatches, positives, 0);
        check(nameCases, names, true, mismatches, positives, 1);
        assertThat(mismatches).as("%d mismatches", mismatches.size()).isEmpty();
        // The table is only useful if it has matches as well as misses.
        assertThat(positives[0]).isGreaterThan(500);
        assertThat(positives[1]).isGreaterThan(150);
    }

    private static void check(List<String[]> cases, List<byte[]> strings, boolean nocase, List<String> mismatches,
                              int[] positives, int slot) {
        for (String[] f : cases) {
            byte[] pattern = hex(f[1]);
            boolean[] expected = new boolean[strings.size()];
            if (!f[2].equals("-")) {
                for (String i : f[2].split(",")) {
                    expected[Integer.parseInt(i)] = true;
                }
                positives[slot]++;
            }
            for (int i = 0; i < strings.size(); i++) {
                boolean actual = GlobMatcher.matches(pattern, strings.get(i), nocase);
                if (actual != expected[i]) {
                    mismatches.add((nocase ? "nocase " : "") + "pattern \"" + show(pattern) + "\" string \""
                            + show(strings.get(i)) + "\": Redis " + expected[i] + ", GlobMatcher " + actual);
                }
            }
        }
    }
}
