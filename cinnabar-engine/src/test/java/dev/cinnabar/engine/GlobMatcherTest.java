package dev.cinnabar.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Redis's stringmatchlen (util.c) rule by rule. The same rules are cross-checked against a real
 * redis-server in {@link GlobMatcherOracleTest}; these cases name each rule.
 */
class GlobMatcherTest {
    private static byte[] b(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean match(String pattern, String string) {
        return GlobMatcher.matches(b(pattern), b(string), false);
    }

    private static boolean nocase(String pattern, String string) {
        return GlobMatcher.matches(b(pattern), b(string), true);
    }

    @ParameterizedTest(name = "\"{0}\" ~ \"{1}\" = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # pattern   | string      | matches
            ""          | ""          | true
            ""          | a           | false
            a           | ""          | false
            abc         | abc         | true
            abc         | abcd        | false
            abc         | ab          | false
            *           | abc         | true
            # stringmatchlen never compares an empty string with anything: "*" does not match it
            # (KEYS * and SCAN without MATCH shortcut the pattern "*" to return every key).
            *           | ""          | false
            **          | ""          | false
            a*          | a           | true
            a*          | ab          | true
            *a          | a           | true
            *a          | ba          | true
            *a          | ab          | false
            a*b         | ab          | true
            a*b         | axxb        | true
            a*b         | axxbx       | false
            a*b*c       | abc         | true
            a*b*c       | aXbXbXc     | true
            a**b        | ab          | true
            ?           | a           | true
            ?           | ""          | false
            ?           | ab          | false
            a?c         | abc         | true
            a?c         | ac          | false
            ??*         | ab          | true
            ??*         | a           | false
            h?llo       | hello       | true
            h*llo       | heeeello    | true
            h[ae]llo    | hello       | true
            h[ae]llo    | hallo       | true
            h[ae]llo    | hillo       | false
            h[^e]llo    | hallo       | true
            h[^e]llo    | hello       | false
            h[a-b]llo   | hbllo       | true
            h[a-b]llo   | hcllo       | false
            # a reversed range is swapped; a "-" after a range is a literal
            h[b-a]llo   | hallo       | true
            [z-a]       | m           | true
            [z-a]       | A           | false
            [a-c-e]     | -           | true
            [a-c-e]     | e           | true
            # "-" first or last is a literal; "]" first closes an empty class
            [-a]        | -           | true
            [a-]        | -           | false
            [a-]        | a           | true
            []          | ""          | false
            []a         | a           | false
            [!a]        | !           | true
            [!a]        | b           | false
            # escapes
            \\*         | *           | true
            \\*         | a           | false
            \\?         | ?           | true
            \\?         | a           | false
            a\\         | a\\         | true
            \\a         | a           | true
            [\\]]       | ]           | true
            [\\]]       | \\          | false
            [\\-]       | -           | true
            [a\\-c]     | b           | false
            [a\\-c]     | -           | true
            # an unterminated class still matches what it lists, and a trailing [ matches nothing
            [abc        | b           | true
            [abc        | d           | false
            a[          | a[          | false
            a[          | ab          | false
            [^          | x           | true
            a[^         | ab          | true
            # the string ends: trailing stars match nothing
            abc*        | abc         | true
            abc***      | abc         | true
            abc*?       | abc         | false
            """)
    void casesOfRedisRules(String pattern, String string, boolean expected) {
        String p = pattern.replace("\\\\", "\\");
        String s = string.replace("\\\\", "\\");
        assertThat(match(p, s)).as("%s ~ %s", p, s).isEqualTo(expected);
    }

    @Test
    void caseInsensitiveModeLowersBothSidesIncludingRanges() {
        assertThat(nocase("HELLO", "hello")).isTrue();
        assertThat(nocase("hello", "HeLLo")).isTrue();
        assertThat(match("HELLO", "hello")).isFalse();
        assertThat(nocase("h[A-E]llo", "hello")).isTrue();
        assertThat(nocase("h[a-e]llo", "HELLO")).isTrue();
        assertThat(nocase("[^A]", "a")).isFalse();
        assertThat(nocase("*MAXMEMORY*", "maxmemory-policy")).isTrue();
        // Only ASCII letters are lowered (tolower in the C locale).
        assertThat(nocase("\u00c9", "\u00e9")).isFalse();
        // An escaped byte inside a class compares exactly even in nocase mode, as in Redis.
        assertThat(nocase("[\\A]", "a")).isFalse();
        assertThat(nocase("[\\A]", "A")).isTrue();
        // Range ends are ordered first and lowered after: [Z-a] holds 'Z'..'a' ("_" among them) when
        // case matters, but becomes the empty 'z'..'a' without case.
        assertThat(nocase("[Z-a]", "_")).isFalse();
        assertThat(match("[Z-a]", "_")).isTrue();
    }

    @Test
    void bytesAboveSevenBitsCompareAsSignedChars() {
        // In C on x86 "char" is signed: 0x80..0xff are negative, so they sort before 'a'.
        byte[] high = {(byte) 0xe9};
        assertThat(GlobMatcher.matches(new byte[] {'[', (byte) 0x80, '-', (byte) 0xff, ']'}, high, false)).isTrue();
        assertThat(GlobMatcher.matches(new byte[] {'[', (byte) 0x80, '-', (byte) 0xff, ']'}, b("a"), false)).isFalse();
        // [\x01-\x80] is swapped to [\x80-\x01]: it holds 0x80..0xff, 0x00 and 0x01, not 'a'.
        byte[] lowToHigh = {'[', 1, '-', (byte) 0x80, ']'};
        assertThat(GlobMatcher.matches(lowToHigh, b("a"), false)).isFalse();
        assertThat(GlobMatcher.matches(lowToHigh, high, false)).isTrue();
        assertThat(GlobMatcher.matches(lowToHigh, new byte[] {0}, false)).isTrue();
        assertThat(GlobMatcher.matches(new byte[] {'?', (byte) 0xff}, new byte[] {0, (byte) 0xff}, false)).isTrue();
        assertThat(GlobMatcher.matches(new byte[] {(byte) 0xc9}, high, true)).isFalse();
    }

    @Test
    void matchesWithinLargerBuffers() {
        byte[] pattern = b("xxh*oyy");
        byte[] string = b("__hello__");
        assertThat(GlobMatcher.matches(pattern, 2, 3, string, 2, 5, false)).isTrue();
        assertThat(GlobMatcher.matches(pattern, 2, 3, string, 2, 6, false)).isFalse();
        assertThat(GlobMatcher.matches("CONFIG*", "config-file", true)).isTrue();
    }

    @Test
    void pathologicalPatternsFinishWithTheRightAnswer() {
        // Without Redis's early exit these take exponential time; the test only needs them to return.
        String a = "a".repeat(20_000);
        assertThat(match("a*a*a*a*a*a*a*a*a*a*b", a)).isFalse();
        assertThat(match("*a*a*a*a*a*a*a*a*a*a*b", a)).isFalse();
        assertThat(match("a*a*a*a*a*a*a*a*a*a*b", a + "b")).isTrue();
        assertThat(match("*?*?*?*?*?*?*?*?*?*?x", a)).isFalse();
        assertThat(match("a*a*a*a*a*a*a*a*a*a*", a)).isTrue();
    }

    @Test
    void nestingIsLimitedToAThousandStarsAsInRedis() {
        // Every star that is followed by more pattern recurses one level; past 1000 levels Redis
        // answers "no match".
        String a = "a".repeat(2000);
        assertThat(match("a*".repeat(999), a)).isTrue();
        assertThat(match("a*".repeat(1001), a)).isTrue();
        assertThat(match("*a".repeat(1000), a)).isTrue();
        assertThat(match("*a".repeat(1002), a)).isFalse();
    }
}
