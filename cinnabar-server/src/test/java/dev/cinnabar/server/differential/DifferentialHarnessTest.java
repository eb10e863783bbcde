package dev.cinnabar.server.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cinnabar.server.testing.Comparison;
import dev.cinnabar.server.testing.Differential;
import dev.cinnabar.server.testing.Differential.Step;
import dev.cinnabar.server.testing.RedisOracle;
import dev.cinnabar.server.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness itself: it must report differences, with the seed and a shortened sequence. */
class DifferentialHarnessTest {
    private final Differential differential =
            new Differential(TestServers.shared().port(), RedisOracle.shared().port(), List.of(Step.exact("RESET")));

    @Test
    void reportsADifferenceWithSeedAndShortSequence() {
        // CLIENT ID differs between two servers (ids are per server), so an exact comparison must fail;
        // the shrinker must cut the sequence down to that one step.
        assertThatThrownBy(() -> differential.checkRandom("self-test", 42, 50,
                random -> random.nextInt(10) == 0 ? Step.exact("CLIENT", "ID") : Step.exact("PING")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("seed 42")
                .hasMessageContaining("-Dcinnabar.seed=42")
                .hasMessageContaining("(1 of 50 steps)")
                .hasMessageContaining("\"CLIENT\" \"ID\"");
    }

    @Test
    void comparisonsTellApartWhatTheyShould() {
        byte[] a = "*2\r\n$1\r\na\r\n$1\r\nb\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = "*2\r\n$1\r\nb\r\n$1\r\na\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] c = "*2\r\n$1\r\nb\r\n$1\r\nc\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Comparison.EXACT.compare(a, b)).isNotNull();
        assertThat(Comparison.UNORDERED.compare(a, b)).isNull();
        assertThat(Comparison.UNORDERED.compare(a, c)).isNotNull();
        assertThat(Comparison.SHAPE.compare(a, c)).isNull();
        assertThat(Comparison.SHAPE.compare(a, "*1\r\n$1\r\na\r\n".getBytes(StandardCharsets.ISO_8859_1))).isNotNull();
        assertThat(Comparison.TYPE.compare("-ERR x\r\n".getBytes(StandardCharsets.ISO_8859_1),
                "-ERR y\r\n".getBytes(StandardCharsets.ISO_8859_1))).isNotNull();
        assertThat(Comparison.TYPE.compare(":1\r\n".getBytes(StandardCharsets.ISO_8859_1),
                ":2\r\n".getBytes(StandardCharsets.ISO_8859_1))).isNull();
    }
}
