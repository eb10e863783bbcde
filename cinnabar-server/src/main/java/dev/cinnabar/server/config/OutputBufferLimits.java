package dev.cinnabar.server.config;

/**
 * client-output-buffer-limit: for each client class a hard limit (bytes; close at once), a soft
 * limit (bytes) and the seconds a client may stay above the soft limit before it is closed.
 * Zero means no limit.
 */
public record OutputBufferLimits(Limit normal, Limit replica, Limit pubsub) {

    public record Limit(long hardBytes, long softBytes, long softSeconds) {
        public boolean isUnlimited() {
            return hardBytes == 0 && softBytes == 0;
        }

        /** The byte counts are unsigned, as in Redis (a huge memory value may wrap past 2^63). */
        String describe() {
            return Long.toUnsignedString(hardBytes) + " " + Long.toUnsignedString(softBytes) + " " + softSeconds;
        }
    }

    public static OutputBufferLimits defaults() {
        return new OutputBufferLimits(
                new Limit(0, 0, 0),
                new Limit(256L * 1024 * 1024, 64L * 1024 * 1024, 60),
                new Limit(32L * 1024 * 1024, 8L * 1024 * 1024, 60));
    }

    /** As CONFIG GET prints it: "normal 0 0 0 slave ... pubsub ...". */
    public String describe() {
        return "normal " + normal.describe() + " slave " + replica.describe() + " pubsub " + pubsub.describe();
    }

    /** Parses class/hard/soft/seconds groups, keeping the classes not mentioned. */
    public OutputBufferLimits with(java.util.List<String> args) throws ConfigException {
        if (args.size() % 4 != 0) {
            throw new ConfigException("Wrong number of arguments in buffer limit configuration.");
        }
        Limit n = normal;
        Limit r = replica;
        Limit p = pubsub;
        // Group by group, as Redis 7.0 checks them: "normal x 1 1 foo 1 1 1" is a number error.
        for (int i = 0; i < args.size(); i += 4) {
            String type = args.get(i).toLowerCase(java.util.Locale.ROOT);
            if (!type.equals("normal") && !type.equals("slave") && !type.equals("replica") && !type.equals("pubsub")) {
                throw new ConfigException("Invalid client class specified in buffer limit configuration.");
            }
            long hard;
            long soft;
            long seconds;
            try {
                hard = MemoryUnits.parse(args.get(i + 1));
                soft = MemoryUnits.parse(args.get(i + 2));
                seconds = softSeconds(args.get(i + 3));
            } catch (NumberFormatException e) {
                throw new ConfigException("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
            }
            Limit limit = new Limit(hard, soft, seconds);
            switch (type) {
                case "normal" -> n = limit;
                case "pubsub" -> p = limit;
                default -> r = limit;
            }
        }
        return new OutputBufferLimits(n, r, p);
    }

    /**
     * The soft_seconds field as Redis 7.0 reads it: {@code strtoll} (leading blanks and a sign
     * allowed, nothing after the digits, no digits at all meaning 0, saturating on overflow)
     * stored into a C {@code int}, which must not be negative. So 4294967296 is 0 and
     * 2147483648 is refused.
     */
    static long softSeconds(String text) {
        int p = 0;
        int n = text.length();
        while (p < n && isCSpace(text.charAt(p))) {
            p++;
        }
        boolean negative = false;
        if (p < n && (text.charAt(p) == '+' || text.charAt(p) == '-')) {
            negative = text.charAt(p) == '-';
            p++;
        }
        int digitsStart = p;
        long value = 0;
        boolean overflow = false;
        while (p < n && text.charAt(p) >= '0' && text.charAt(p) <= '9') {
            int d = text.charAt(p) - '0';
            if (!overflow) {
                if (value > (Long.MAX_VALUE - d) / 10) {
                    overflow = true;
                } else {
                    value = value * 10 + d;
                }
            }
            p++;
        }
        if (p == digitsStart) {
            // No conversion: strtoll's end pointer is the start of the text.
            if (!text.isEmpty()) {
                throw new NumberFormatException(text);
            }
            return 0;
        }
        if (p != n) {
            throw new NumberFormatException(text);
        }
        long parsed = overflow ? (negative ? Long.MIN_VALUE : Long.MAX_VALUE) : (negative ? -value : value);
        int seconds = (int) parsed;
        if (seconds < 0) {
            throw new NumberFormatException(text);
        }
        return seconds;
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c;
    }
}
