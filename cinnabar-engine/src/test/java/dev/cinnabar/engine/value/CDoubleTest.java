package dev.cinnabar.engine.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * C's strtod as Redis's SORT sees it: whether the whole text is one number ("complete"), whether
 * ERANGE is set, and the value. The cases marked "Redis" were checked against redis-server 7.0's
 * SORT BY, which refuses exactly the texts that are incomplete, out of range or NaN.
 */
class CDoubleTest {
    private static CDouble.Result parse(String text) {
        return CDouble.strtod(text.replace("\\0", "\0").getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // text | complete | out of range | value
        "1.5 | true | false | 1.5",
        "\" 5\" | true | false | 5",          // Redis: leading spaces are skipped
        "\"5 \" | false | false | 5",         // Redis: trailing space is left over
        "\"\" | true | false | 0",            // Redis: an empty text converts nothing and ends at once
        "0x10 | true | false | 16",           // Redis
        "0x1.8p1 | true | false | 3",
        "inf | true | false | Infinity",      // Redis
        "-Infinity | true | false | -Infinity",
        "1e400 | true | true | Infinity",     // Redis: overflow
        "1e-310 | true | true | 1e-310",      // Redis: inexact subnormal
        "1e-400 | true | true | 0",           // Redis: underflow to zero
        "2.5e-308 | true | false | 2.5e-308", // Redis: normal
        "-0x1p-1074 | true | false | -4.9E-324", // Redis: an exact subnormal is no range error
        "abc | false | false | 0",            // Redis
        "1e | false | false | 1",             // Redis: the 'e' is left over
        "0x | false | false | 0",             // Redis: "0" is read, the 'x' is left over
        "12\\0abc | true | false | 12",       // the text ends at a zero byte
        ".5 | true | false | 0.5",
        "5. | true | false | 5",
        "\"   \" | false | false | 0",
        "-0 | true | false | -0.0",
        "1e99999999999 | true | true | Infinity",
        "1e-99999999999 | true | true | 0",
    })
    void parsesAsGlibcDoes(String text, boolean complete, boolean outOfRange, double value) {
        CDouble.Result r = parse(text);
        assertThat(r.complete()).as("complete").isEqualTo(complete);
        assertThat(r.outOfRange()).as("ERANGE").isEqualTo(outOfRange);
        assertThat(r.value()).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource({"nan", "NaN", "-nan", "nan(123)"})
    void notANumber(String text) {
        CDouble.Result r = parse(text);
        assertThat(r.complete()).isTrue();
        assertThat(Double.isNaN(r.value())).isTrue();
    }
}
