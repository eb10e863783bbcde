package dev.cinnabar.server;

import dev.cinnabar.server.util.ServerLog;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT stop the server cleanly, logging as Redis does. Uses the JDK's supported
 * signal hook where available and falls back to a shutdown hook.
 */
final class Signals {
    private Signals() {}

    static void install(Server server, ServerLog log) {
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                Signal.handle(new Signal(name), signal -> {
                    log.log(ServerLog.Level.WARNING, "Received SIG" + name + " scheduling shutdown...");
                    server.shutdownRequested("User requested shutdown...");
                });
            }
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "cinnabar-shutdown-hook"));
        }
    }
}
