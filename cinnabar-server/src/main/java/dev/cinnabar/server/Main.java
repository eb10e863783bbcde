package dev.cinnabar.server;

import dev.cinnabar.server.config.ConfigLoader;
import dev.cinnabar.server.config.ServerConfig;
import dev.cinnabar.server.util.ServerLog;
import java.io.IOException;

/**
 * {@code cinnabar-server [/path/to/redis.conf] [--option value ...]}: the same command line as
 * redis-server. Runs in the foreground until SHUTDOWN or SIGTERM/SIGINT.
 */
public final class Main {
    private Main() {}

    public static void main(String[] argv) {
        tuneNetty();
        for (String arg : argv) {
            if (arg.equals("-v") || arg.equals("--version")) {
                System.out.println("Cinnabar server v=" + Server.CINNABAR_VERSION + " redis_version="
                        + Server.REDIS_VERSION + " java=" + System.getProperty("java.version"));
                return;
            }
            if (arg.equals("-h") || arg.equals("--help")) {
                usage();
                return;
            }
        }
        ServerLog log = new ServerLog();
        ServerConfig config = new ServerConfig();
        ConfigLoader.CommandLine commandLine = ConfigLoader.parseCommandLine(argv);
        try {
            new ConfigLoader(config, "Redis " + Server.REDIS_VERSION).load(commandLine);
        } catch (ConfigLoader.FatalConfigError e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        try {
            log.setFile(config.logFile);
        } catch (IOException e) {
            System.err.println("Can't open the log file: " + e.getMessage());
            System.exit(1);
        }
        log.setLevel(config.logLevel);
        log.setRole('C');
        log.warning("oO0OoO0OoO0Oo Cinnabar is starting oO0OoO0OoO0Oo");
        log.warning("Cinnabar version=" + Server.CINNABAR_VERSION + ", redis_version=" + Server.REDIS_VERSION
                + ", bits=64, pid=" + ProcessHandle.current().pid() + ", just started");
        if (commandLine.configFile() == null) {
            log.warning("Warning: no config file specified, using the default config. In order to specify a config"
                    + " file use bin/cinnabar-server /path/to/redis.conf");
        } else {
            log.warning("Configuration loaded");
        }
        log.setRole('M');
        Server server = new Server(config, log, true);
        try {
            server.start();
        } catch (IOException e) {
            log.warning("Failed listening on port " + config.port + " (tcp), aborting.");
            server.stop();
            System.exit(1);
            return;
        }
        Signals.install(server, log);
        server.terminated().join();
    }

    /**
     * The standalone server owns its buffers completely (every buffer is released on the event
     * loop that allocated it, and indexes are checked by our own code), so Netty's per-access
     * reference-count and bounds checks and its leak sampling only cost time. They are turned off
     * here, before Netty's classes load, unless set explicitly; the embedded server leaves Netty's
     * defaults alone.
     */
    private static void tuneNetty() {
        setIfAbsent("io.netty.buffer.checkAccessible", "false");
        setIfAbsent("io.netty.buffer.checkBounds", "false");
        setIfAbsent("io.netty.leakDetection.level", "disabled");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static void usage() {
        System.err.println("""
                Usage: bin/cinnabar-server [/path/to/redis.conf] [options]
                       bin/cinnabar-server -v or --version
                       bin/cinnabar-server -h or --help

                Examples:
                       bin/cinnabar-server (run the server with default conf)
                       bin/cinnabar-server /etc/redis/6379.conf
                       bin/cinnabar-server --port 7777
                       bin/cinnabar-server /etc/myredis.conf --loglevel verbose""");
    }
}
