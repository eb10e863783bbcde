package dev.cinnabar.server.command;

/**
 * Command flags, in the order Redis 7 prints them in COMMAND INFO. Some flags steer the server
 * but are never printed (Redis hides them on purpose); {@link #printed} says which.
 */
public enum CommandFlag {
    WRITE("write", true),
    READONLY("readonly", true),
    DENYOOM("denyoom", true),
    MODULE("module", true),
    ADMIN("admin", true),
    PUBSUB("pubsub", true),
    NOSCRIPT("noscript", true),
    BLOCKING("blocking", true),
    LOADING("loading", true),
    STALE("stale", true),
    SKIP_MONITOR("skip_monitor", true),
    SKIP_SLOWLOG("skip_slowlog", true),
    ASKING("asking", true),
    FAST("fast", true),
    NO_AUTH("no_auth", true),
    /** May emit writes to replicas or the AOF even if not a write command (PUBLISH, EVAL...). */
    MAY_REPLICATE("may_replicate", false),
    NO_MANDATORY_KEYS("no_mandatory_keys", true),
    /** Gated by enable-debug-command / enable-module-command. */
    PROTECTED("protected", false),
    NO_ASYNC_LOADING("no_async_loading", true),
    NO_MULTI("no_multi", true),
    MOVABLEKEYS("movablekeys", true),
    ALLOW_BUSY("allow_busy", true),
    TOUCHES_ARBITRARY_KEYS("touches_arbitrary_keys", false);

    private final String wireName;
    private final boolean printed;

    CommandFlag(String wireName, boolean printed) {
        this.wireName = wireName;
        this.printed = printed;
    }

    public String wireName() {
        return wireName;
    }

    public boolean printed() {
        return printed;
    }

    public long bit() {
        return 1L << ordinal();
    }

    public static CommandFlag fromWireName(String name) {
        for (CommandFlag f : values()) {
            if (f.wireName.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown command flag '" + name + "'");
    }
}
