package dev.cinnabar.server.family;

import dev.cinnabar.engine.value.LongDouble;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.server.client.Client;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The timeout argument of the blocking pops (BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP,
 * BZPOPMIN, BZPOPMAX, BZMPOP), read as Redis 7.0's getTimeoutFromObjectOrReply reads it: seconds
 * as a long double, multiplied by 1000 in long double precision and rounded up to whole
 * milliseconds (ceill). So any positive timeout, even 1e-9, waits at least a millisecond, while
 * 0 and anything from -1 ms exclusive to 0 block forever; -0.0011 is negative. A product beyond
 * the 64-bit range (1e16, inf) turns negative on conversion, as on x86, and is refused as such.
 */
final class BlockingTimeout {
    static final String NOT_A_FLOAT = "ERR timeout is not a float or out of range";
    static final String NEGATIVE = "ERR timeout is negative";
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private BlockingTimeout() {}

    /** The milliseconds to wait (0: forever), or -1 after an error reply. */
    static long millis(Client c, CommandArguments a, int i) {
        String text = a.string(i);
        BigDecimal seconds = LongDouble.parse(text);
        if (seconds == null) {
            c.reply().error(LongDouble.isInfinity(text) ? NEGATIVE : NOT_A_FLOAT);
            return -1;
        }
        BigDecimal product = LongDouble.round(seconds.multiply(THOUSAND));
        BigInteger whole = product == null ? null : product.setScale(0, RoundingMode.CEILING).toBigInteger();
        if (whole == null || whole.bitLength() > 63 || whole.signum() < 0) {
            c.reply().error(NEGATIVE);
            return -1;
        }
        return whole.longValue();
    }
}
