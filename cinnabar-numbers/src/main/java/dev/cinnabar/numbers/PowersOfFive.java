package dev.cinnabar.numbers;

/** 5^0 .. 5^27, the powers of five that fit a long (10^k = 5^k * 2^k, and 2^k is a shift). */
final class PowersOfFive {
    private PowersOfFive() {}

    static final int COUNT = 28;
    private static final long[] POWERS = new long[COUNT];

    static {
        long p = 1;
        for (int i = 0; i < COUNT; i++) {
            POWERS[i] = p;
            p *= 5;
        }
    }

    static long of(int k) {
        return POWERS[k];
    }
}
