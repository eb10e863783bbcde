package dev.cinnabar.server.testing;

import dev.cinnabar.Cinnabar;

/** Embedded Cinnabar servers for tests. */
public final class TestServers {
    private static Cinnabar shared;

    private TestServers() {}

    /**
     * One embedded server shared by the tests of this JVM, configured like the reference
     * redis-server of {@link RedisOracle} (DEBUG enabled). Tests that change server-wide state
     * (config, pauses) must start their own with {@link #start}.
     */
    public static synchronized Cinnabar shared() {
        if (shared == null) {
            shared = start();
            Cinnabar s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close));
        }
        return shared;
    }

    /** A private embedded server with extra options (name, values, name, values...). */
    public static Cinnabar start(String... options) {
        Cinnabar.Builder builder = Cinnabar.builder().option("enable-debug-command", "yes");
        for (int i = 0; i < options.length; i += 2) {
            builder.option(options[i], options[i + 1]);
        }
        return builder.start();
    }
}
