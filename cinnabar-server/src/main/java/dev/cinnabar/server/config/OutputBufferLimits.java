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

        String describe() {
            return hardBytes + " " + softBytes + " " + softSeconds;
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
                seconds = Long.parseLong(args.get(i + 3));
            } catch (NumberFormatException e) {
                throw new ConfigException("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
            }
            if (seconds < 0) {
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
}
