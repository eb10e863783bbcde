package dev.cinnabar.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The C-library parsing the config code reproduces, case by case. Each case was checked on
 * redis-server 7.0.15 through the parameter that uses it (hash-max-listpack-value for memtoull,
 * client-output-buffer-limit's soft_seconds for strtoll, latency-tracking-info-percentiles for
 * string2d and "%f", CONFIG SET of a multi-argument parameter for sdssplitlen).
 */
class ConfigValuesTest {

    @Test
    void memtoull() {
        assertThat(MemoryUnits.parse("0")).isZero();
        assertThat(MemoryUnits.parse("")).isZero();
        assertThat(MemoryUnits.parse("kb")).isZero();
        assertThat(MemoryUnits.parse("010")).isEqualTo(10);
        assertThat(MemoryUnits.parse("5B")).isEqualTo(5);
        assertThat(MemoryUnits.parse("3k")).isEqualTo(3000);
        assertThat(MemoryUnits.parse("3KB")).isEqualTo(3072);
        assertThat(MemoryUnits.parse("2m")).isEqualTo(2_000_000);
        assertThat(MemoryUnits.parse("2mB")).isEqualTo(2L << 20);
        assertThat(MemoryUnits.parse("2G")).isEqualTo(2_000_000_000L);
        assertThat(MemoryUnits.parse("2gb")).isEqualTo(2L << 30);
        // strtoull saturates at 2^64-1; the multiplication wraps
        assertThat(MemoryUnits.parse("18446744073709551615")).isEqualTo(-1L);
        assertThat(MemoryUnits.parse("99999999999999999999999999")).isEqualTo(-1L);
        assertThat(MemoryUnits.parse("9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(MemoryUnits.parse("17179869185gb")).isEqualTo(1L << 30);
        assertThat(MemoryUnits.parse("0".repeat(126) + "1")).isEqualTo(1); // 127 digits; 128 are refused
        for (String bad : List.of("-1", "-0", "+1", " 1", "1 ", "1t", "1kbb", "1.5", "0x10", "1e3", "k b", "0".repeat(128))) {
            assertThatThrownBy(() -> MemoryUnits.parse(bad)).as(bad).isInstanceOf(NumberFormatException.class);
        }
    }

    @Test
    void softSecondsIsStrtollIntoAnInt() {
        assertThat(OutputBufferLimits.softSeconds("60")).isEqualTo(60);
        assertThat(OutputBufferLimits.softSeconds("010")).isEqualTo(10);
        assertThat(OutputBufferLimits.softSeconds("+5")).isEqualTo(5);
        assertThat(OutputBufferLimits.softSeconds("-0")).isZero();
        assertThat(OutputBufferLimits.softSeconds(" 5")).isEqualTo(5);
        assertThat(OutputBufferLimits.softSeconds("\t7")).isEqualTo(7);
        assertThat(OutputBufferLimits.softSeconds("")).isZero();
        assertThat(OutputBufferLimits.softSeconds("2147483647")).isEqualTo(Integer.MAX_VALUE);
        assertThat(OutputBufferLimits.softSeconds("4294967296")).isZero();
        assertThat(OutputBufferLimits.softSeconds("4294967297")).isEqualTo(1);
        for (String bad : List.of("-1", "2147483648", "99999999999999999999", "abc", "10abc", "0x10", "-", "+", " ",
                "5 ")) {
            assertThatThrownBy(() -> OutputBufferLimits.softSeconds(bad)).as(bad)
                    .isInstanceOf(NumberFormatException.class);
        }
    }

    @Test
    void string2d() {
        assertThat(CNumbers.string2d("50")).isEqualTo(50.0);
        assertThat(CNumbers.string2d("99.9")).isEqualTo(99.9);
        assertThat(CNumbers.string2d("0x10")).isEqualTo(16.0);
        assertThat(CNumbers.string2d("0X1p4")).isEqualTo(16.0);
        assertThat(CNumbers.string2d("0x.8")).isEqualTo(0.5);
        assertThat(CNumbers.string2d("1e1")).isEqualTo(10.0);
        assertThat(CNumbers.string2d("+5")).isEqualTo(5.0);
        assertThat(CNumbers.string2d(".5")).isEqualTo(0.5);
        assertThat(CNumbers.string2d("5.")).isEqualTo(5.0);
        assertThat(CNumbers.string2d("-0")).isEqualTo(-0.0);
        assertThat(CNumbers.string2d("0e-400")).isEqualTo(0.0);
        assertThat(CNumbers.string2d("1e-310")).isEqualTo(1e-310);
        assertThat(CNumbers.string2d("inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(CNumbers.string2d("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        for (String bad : List.of("", " 5", "5 ", "5d", "5f", "nan", "NaN", "abc", "1e", "0x", "1e-400", "1e400", "--1",
                "1,5", "Infinityx")) {
            assertThat(CNumbers.string2d(bad)).as(bad).isNull();
        }
    }

    @Test
    void percentFormat() {
        assertThat(ServerConfig.trimmedDecimal(50)).isEqualTo("50");
        assertThat(ServerConfig.trimmedDecimal(99.9)).isEqualTo("99.9");
        assertThat(ServerConfig.trimmedDecimal(99.9999999)).isEqualTo("100");
        assertThat(ServerConfig.trimmedDecimal(0.0000001)).isEqualTo("0");
        assertThat(ServerConfig.trimmedDecimal(0.5)).isEqualTo("0.5");
        assertThat(ServerConfig.trimmedDecimal(-0.0)).isEqualTo("-0");
        // rounded from the binary value, as C does (Java's %f would give 12.345679 and 0.000001)
        assertThat(ServerConfig.trimmedDecimal(12.3456785)).isEqualTo("12.345678");
        assertThat(ServerConfig.trimmedDecimal(0.0000005)).isEqualTo("0");
        assertThat(ServerConfig.trimmedDecimal(2.5e-6)).isEqualTo("0.000003");
    }

    @Test
    void configSetSplitsLikeSdssplitlen() {
        assertThat(ConfigParameter.splitSpaces("")).isEmpty();
        assertThat(ConfigParameter.splitSpaces("a")).containsExactly("a");
        assertThat(ConfigParameter.splitSpaces("a b")).containsExactly("a", "b");
        assertThat(ConfigParameter.splitSpaces("a  b")).containsExactly("a", "", "b");
        assertThat(ConfigParameter.splitSpaces(" a ")).containsExactly("", "a", "");
        assertThat(ConfigParameter.splitSpaces(" ")).containsExactly("", "");
        assertThat(ConfigParameter.splitSpaces("a\tb")).containsExactly("a\tb");
    }
}
