package dev.cinnabar;

import dev.cinnabar.server.Server;
import dev.cinnabar.server.config.ConfigLoader;
import dev.cinnabar.server.config.ServerConfig;
import dev.cinnabar.server.util.ServerLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cinnabar embedded in a JVM: starts a server in-process, for tests and tools.
 *
 * <pre>{@code
 * try (Cinnabar server = Cinnabar.builder().option("requirepass", "secret").start()) {
 *     int port = server.port();   // an ephemeral port unless port(...) was given
 *     ...
 * }
 * }</pre>
 *
 * Options are redis.conf directives, validated exactly as in a config file; an invalid option
 * makes {@link Builder#start()} throw with Redis's error text. Without a config file the server
 * listens on 127.0.0.1 on a free port and logs warnings only; settings made on the builder apply
 * after the config file.
 */
public final class Cinnabar implements AutoCloseable {
    private final Server server;

    private Cinnabar(Server server) {
        this.server = server;
    }

    /** Starts a server with the defaults (127.0.0.1, a free port). */
    public static Cinnabar start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The TCP port the server listens on. */
    public int port() {
        return server.port();
    }

    /** The address clients should connect to. */
    public String host() {
        List<String> bind = server.config().bind;
        String first = bind.isEmpty() ? "127.0.0.1" : bind.get(0).replaceFirst("^-", "");
        return first.equals("*") || first.equals("0.0.0.0") ? "127.0.0.1" : first;
    }

    /** "redis://host:port", for clients that take a URI. */
    public String uri() {
        return "redis://" + host() + ":" + port();
    }

    /** The running server, for code that needs more than the client-facing API. */
    public Server server() {
        return server;
    }

    /** Stops the server and waits until it has stopped. */
    @Override
    public void close() {
        server.stop();
    }

    /** Configures an embedded server before starting it. */
    public static final class Builder {
        private final List<String> argv = new ArrayList<>();
        private Path configFile;
        private Integer port;
        private String bind;
        private String logLevel;

        private Builder() {}

        /** The TCP port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The address(es) to listen on, as redis.conf's bind (default 127.0.0.1). */
        public Builder bind(String addresses) {
            this.bind = addresses;
            return this;
        }

        /** A redis.conf to load first; options given here apply after it. */
        public Builder configFile(Path file) {
            this.configFile = file;
            return this;
        }

        /** Any redis.conf directive, e.g. {@code option("requirepass", "secret")}. */
        public Builder option(String name, String... values) {
            if (name.equals("loglevel") && values.length == 1) {
                logLevel = values[0];
                return this;
            }
            argv.add("--" + name);
            if (values.length == 0) {
                argv.add("");
            }
            for (String v : values) {
                argv.add(v);
            }
            return this;
        }

        /** Starts the server; throws IllegalArgumentException for an invalid option. */
        public Cinnabar start() {
            List<String> all = new ArrayList<>();
            if (configFile != null) {
                all.add(configFile.toString());
            }
            // Without a config file the embedded defaults apply; with one, only what was set here
            // overrides it.
            boolean defaults = configFile == null;
            if (port != null || defaults) {
                all.add("--port");
                all.add(Integer.toString(port == null ? 0 : port));
            }
            if (bind != null || defaults) {
                all.add("--bind");
                all.addAll(List.of((bind == null ? "127.0.0.1" : bind).split(" ")));
            }
            if (logLevel != null || defaults) {
                all.add("--loglevel");
                all.add(logLevel == null ? "warning" : logLevel);
            }
            all.addAll(argv);
            ServerConfig config = new ServerConfig();
            try {
                new ConfigLoader(config, "Redis " + Server.REDIS_VERSION)
                        .load(ConfigLoader.parseCommandLine(all.toArray(String[]::new)));
            } catch (ConfigLoader.FatalConfigError e) {
                throw new IllegalArgumentException(e.getMessage().strip());
            }
            ServerLog log = new ServerLog();
            try {
                log.setFile(config.logFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Server server = new Server(config, log, false);
            try {
                server.start();
            } catch (IOException e) {
                server.stop();
                throw new UncheckedIOException(e);
            }
            return new Cinnabar(server);
        }
    }
}
