package dev.cinnabar.engine.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The listpack's d2string storage of scores (expected texts printed by C's printf through Python's
 * {@code '%.17g' % value}; the formatter itself is tested in cinnabar-numbers).
 */
class ScoreTextTest {
    private static final String[][] TABLE = {
            {"0.1", "0.10000000000000001"},
            {"0.2", "0.20000000000000001"},
            {"0.30000000000000004", "0.30000000000000004"},
            {"1.5", "1.5"},
            {"2.0", "2"},
            {"-2.5", "-2.5"},
            {"1e+20", "1e+20"},
            {"1e-05", "1.0000000000000001e-05"},
            {"0.0001", "0.0001"},
            {"0.0001234", "0.00012339999999999999"},
            {"1.2345678901234568e+17", "1.2345678901234568e+17"},
            {"1e+16", "10000000000000000"},
            {"1e+17", "1e+17"},
            {"9007199254740992.0", "9007199254740992"},
            {"4503599627370496.0", "4503599627370496"},
            {"-4503599627370495.0", "-4503599627370495"},
            {"0.3333333333333333", "0.33333333333333331"},
            {"0.6666666666666666", "0.66666666666666663"},
            {"3.141592653589793", "3.1415926535897931"},
            {"1e+308", "1e+308"},
            {"5e-324", "4.9406564584124654e-324"},
            {"2.2250738585072014e-308", "2.2250738585072014e-308"},
            {"1000000000000000.0", "1000000000000000"},
            {"999999999999999.9", "999999999999999.88"},
            {"12345.678", "12345.678"},
            {"-1e-06", "-9.9999999999999995e-07"},
            {"1e-07", "9.9999999999999995e-08"},
            {"100.0", "100"},
            {"1e+21", "1e+21"},
            {"7e+22", "7.0000000000000004e+22"},
            {"-1.989032661366619e+244", "-1.989032661366619e+244"},
            {"7.761117632285041e+178", "7.761117632285041e+178"},
            {"3.980498358697587e-249", "3.980498358697587e-249"},
            {"-1.5432835417340557e+88", "-1.5432835417340557e+88"},
            {"1.3647584518757569e-192", "1.3647584518757569e-192"},
            {"-1.3701135617873088e-206", "-1.3701135617873088e-206"},
            {"-1.7160537630466207e+197", "-1.7160537630466207e+197"},
            {"6.294675241195386e-44", "6.2946752411953861e-44"},
            {"1.0613447212142254e-202", "1.0613447212142254e-202"},
            {"4.708325160387546e+207", "4.7083251603875462e+207"},
            {"6.387016158513563e-12", "6.3870161585135632e-12"},
            {"-9.973130378568733e-246", "-9.9731303785687331e-246"},
            {"8.779753225680271e-236", "8.7797532256802712e-236"},
            {"-5.795503248498993e-228", "-5.7955032484989932e-228"},
            {"-5.988180159386011e+243", "-5.9881801593860111e+243"},
            {"-1.306052388527796e-147", "-1.3060523885277959e-147"},
            {"-2.436117699484841e-206", "-2.4361176994848409e-206"},
            {"2.233386999150174e-232", "2.2333869991501741e-232"},
            {"-3.51527970626667e-203", "-3.5152797062666699e-203"},
            {"1.5987381841032883e-247", "1.5987381841032883e-247"},
            {"4.6678633181812096e-36", "4.6678633181812096e-36"},
            {"-8.441872792105456e-239", "-8.4418727921054556e-239"},
            {"1.9015657400796622e-144", "1.9015657400796622e-144"},
            {"7.370437700706684e+208", "7.370437700706684e+208"},
            {"-1.7163996725272777e-258", "-1.7163996725272777e-258"},
            {"-3.2367190832119987e-221", "-3.2367190832119987e-221"},
            {"-2.2818334634712625e-234", "-2.2818334634712625e-234"},
            {"-3.0536383926309363e-84", "-3.0536383926309363e-84"},
            {"1.3449551894627777e-181", "1.3449551894627777e-181"},
            {"-7.317495976062606e-221", "-7.3174959760626057e-221"},
    };

    /** A score the listpack cannot keep as an integer is kept as its printf %.17g text. */
    @Test
    void otherScoresAreStoredAsTheirPrintfText() {
        int textual = 0;
        for (String[] row : TABLE) {
            double d = Double.parseDouble(row[0]);
            if (!ScoreText.isSafeInteger(d)) {
                assertThat(new String(ZsetListpack.scoreBytes(d), StandardCharsets.ISO_8859_1)).as(row[0])
                        .isEqualTo(row[1]);
                textual++;
            }
        }
        assertThat(textual).isGreaterThan(40);
        assertThat(new String(ZsetListpack.scoreBytes(Double.NEGATIVE_INFINITY), StandardCharsets.ISO_8859_1))
                .isEqualTo("-inf");
    }

    @Test
    void storedTextReadsBackExactly() {
        for (String[] row : TABLE) {
            double d = Double.parseDouble(row[0]);
            byte[] stored = ZsetListpack.scoreBytes(d);
            assertThat(ScoreText.parseStored(stored, 0, stored.length)).as(row[0]).isEqualTo(d);
        }
        for (double d : new double[] {0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1, -1,
            4503599627370495.0, -4503599627370494.0, 4611686018427387904.0, 1e300}) {
            byte[] stored = ZsetListpack.scoreBytes(d);
            assertThat(Double.doubleToRawLongBits(ScoreText.parseStored(stored, 0, stored.length)))
                    .isEqualTo(Double.doubleToRawLongBits(d));
        }
    }

    @Test
    void integralScoresInTheSafeRangeAreStoredAsIntegers() {
        Listpack lp = new Listpack();
        // Redis's double2ll: integral values within +-LLONG_MAX/2 (4611686018427387903).
        for (double d : new double[] {1, -1, 0, 4503599627370495.0, -4503599627370494.0, 1e16, -0.0, 1.5,
            4611686018427387904.0, 4611686018427386880.0, -4611686018427387904.0, 1e19}) {
            byte[] stored = ZsetListpack.scoreBytes(d);
            lp.append(stored);
        }
        boolean[] integers = {true, true, true, true, true, true, true, false, true, true, true, false};
        int i = 0;
        for (int p = lp.first(); p >= 0; p = lp.next(p), i++) {
            assertThat(lp.isInteger(p)).as("entry " + i).isEqualTo(integers[i]);
        }
        // A listpack keeps -0 as the integer 0 (a skiplist keeps -0).
        assertThat(new String(ZsetListpack.scoreBytes(-0.0), StandardCharsets.ISO_8859_1)).isEqualTo("0");
        assertThat(new String(ZsetListpack.scoreBytes(1e20), StandardCharsets.ISO_8859_1)).isEqualTo("1e+20");
    }
}
