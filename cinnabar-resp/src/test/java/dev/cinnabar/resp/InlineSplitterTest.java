package dev.cinnabar.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sdssplitargs rules. Every expectation in {@link #lines} was obtained from redis-server
 * 7.0.15 by sending {@code RPUSH k <line>} as an inline request and reading the list back.
 */
class InlineSplitterTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The split arguments as ISO-8859-1 strings, or null when the line is rejected. */
    static List<String> split(byte[] line) {
        List<String> out = new ArrayList<>();
        boolean ok = InlineSplitter.split(line, line.length,
                (b, off, len) -> out.add(new String(b, off, len, StandardCharsets.ISO_8859_1)));
        return ok ? out : null;
    }

    static List<String> split(String line) {
        return split(bytes(line));
    }

    private static Arguments ok(String line, String... args) {
        return Arguments.of(line, Arrays.asList(args));
    }

    private static Arguments unbalanced(String line) {
        return Arguments.of(line, null);
    }

    static Stream<Arguments> lines() {
        return Stream.of(
                ok("foo bar", "foo", "bar"),
                ok("  foo   bar  ", "foo", "bar"),
                ok("a\tb", "a", "b"),
                ok("a\rb", "a", "b"),
                ok("a\nb", "a", "b"),
                ok("\\", "\\"),
                ok("caf\u00c3\u00a9", "caf\u00c3\u00a9"),
                // Vertical tab and form feed are skipped between arguments but do not end one.
                ok("a\u000bb", "a\u000bb"),
                ok("\u000ba", "a"),
                ok("\u000c\u000bfoo\u000c", "foo\u000c"),
                // Double quotes and their escapes.
                ok("\"foo bar\"", "foo bar"),
                ok("\"\\n\\r\\t\\b\\a\"", "\n\r\t\b\u0007"),
                ok("\"\\x41\\x4a\\x4A\"", "AJJ"),
                ok("\"\\x80\\xff\"", "\u0080\u00ff"),
                ok("\"\\x414\"", "A4"),
                ok("\"\\x4\"", "x4"),
                ok("\"\\x4g\"", "x4g"),
                ok("\"\\xZZ\"", "xZZ"),
                ok("\"\\X41\"", "X41"),
                ok("\"\\\"\"", "\""),
                ok("\"\\\\\"", "\\"),
                ok("\"\\q\"", "q"),
                ok("\"foo\\\"bar\"", "foo\"bar"),
                ok("\"a'b\"", "a'b"),
                // Single quotes: only \' is an escape.
                ok("'a\\'b'", "a'b"),
                ok("'a\\nb'", "a\\nb"),
                ok("'a\"b'", "a\"b"),
                ok("'a\\\\'b'", "a\\'b"),
                // Empty arguments.
                ok("\"\"", ""),
                ok("'' x", "", "x"),
                // A closing quote followed by any isspace() character, or by the end.
                ok("\"a\" \"b\"", "a", "b"),
                ok("\"a\"  ", "a"),
                ok("\"foo\"\tbar", "foo", "bar"),
                ok("\"x\"\u000b", "x"),
                ok("\"a\"\u000c", "a"),
                ok("\"a\"\r", "a"),
                // Quotes may start in the middle of an argument.
                ok("a\"b c\"", "ab c"),
                ok("a'b c'", "ab c"),
                ok("x\"y\"", "xy"),
                // Nothing at all.
                ok(""),
                ok("   \t "),
                // Rejected: text right after a closing quote, or no closing quote.
                unbalanced("\"foo\"bar"),
                unbalanced("'foo'bar"),
                unbalanced("a\"b\"c"),
                unbalanced("\"foo"),
                unbalanced("'foo"),
                unbalanced("\"a\\"),
                unbalanced("\"\\x41"),
                unbalanced("'\\'"),
                unbalanced("'a\\\\'"),
                unbalanced("ok \"")
        );
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("lines")
    void splitsLikeSdssplitargs(String line, List<String> expected) {
        assertThat(split(line)).isEqualTo(expected);
    }

    @Test
    void aNulByteEndsTheLine() {
        // sdssplitargs walks a C string: nothing after a NUL is seen, not even an open quote.
        assertThat(split("foo\u0000bar")).containsExactly("foo");
        assertThat(split("foo \u0000 bar")).containsExactly("foo");
        assertThat(split("\"foo\u0000\"")).isNull();
        assertThat(split("'ab\u0000'")).isNull();
        assertThat(split("a \u0000\"unterminated")).containsExactly("a");
        assertThat(split("\u0000foo")).isEmpty();
        // A NUL written as \x00 inside double quotes is data.
        assertThat(split("\"a\\x00b\"")).containsExactly("a\u0000b");
    }

    @Test
    void onlyTheGivenLengthIsRead() {
        byte[] line = bytes("foo bar\"baz");
        List<String> out = new ArrayList<>();
        assertThat(InlineSplitter.split(line, 7, (b, off, len) -> out.add(new String(b, off, len, StandardCharsets.ISO_8859_1))))
                .isTrue();
        assertThat(out).containsExactly("foo", "bar");
        // A double-quoted \x escape must not look past the end either.
        byte[] escape = bytes("\"\\x41\" tail");
        List<String> cut = new ArrayList<>();
        assertThat(InlineSplitter.split(escape, 4, (b, off, len) -> cut.add("x"))).isFalse();
    }

    @Test
    void splitsIntoCommandArguments() {
        CommandArguments args = new CommandArguments();
        byte[] line = bytes("SET \"k\\x00y\" 'v w'");
        assertThat(InlineSplitter.split(line, line.length, args)).isTrue();
        assertThat(args.count()).isEqualTo(3);
        assertThat(args.copy(0)).isEqualTo(bytes("SET"));
        assertThat(args.copy(1)).isEqualTo(new byte[] {'k', 0, 'y'});
        assertThat(args.copy(2)).isEqualTo(bytes("v w"));
    }

    /**
     * Quoting a random argument the way redis-cli prints it (double quotes, \xHH for anything not
     * printable) and splitting it back gives the argument again, whatever its bytes.
     */
    @Test
    void quotedRandomArgumentsSplitBackToThemselves() {
        long seed = Seeds.seed(0x5eed_0101L);
        Random rnd = Seeds.random(seed);
        for (int iteration = 0; iteration < 5_000; iteration++) {
            int argc = rnd.nextInt(6);
            List<String> expected = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (int a = 0; a < argc; a++) {
                byte[] arg = new byte[rnd.nextInt(20)];
                rnd.nextBytes(arg);
                expected.add(new String(arg, StandardCharsets.ISO_8859_1));
                line.append(a == 0 ? "" : " \t".substring(0, 1 + rnd.nextInt(2))).append(quote(arg, rnd));
            }
            assertThat(split(line.toString())).as("line %s with %s", line, Seeds.replay(seed)).isEqualTo(expected);
        }
    }

    private static String quote(byte[] arg, Random rnd) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte x : arg) {
            int c = x & 0xff;
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 7 -> sb.append("\\a");
                case 8 -> sb.append("\\b");
                default -> {
                    if (c > 32 && c < 127 && c != '\'') {
                        sb.append((char) c);
                    } else {
                        sb.append(String.format(rnd.nextBoolean() ? "\\x%02x" : "\\x%02X", c));
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
