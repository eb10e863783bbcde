package dev.cinnabar.server.family;

import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;
import dev.cinnabar.server.info.InfoReport;

/** INFO, TIME, DBSIZE, MONITOR and SHUTDOWN. */
final class ServerCommands extends CommandFamily {

    ServerCommands(Server server) {
        super(server);
    }

    @Override
    void bindAll() {
        bind("info", (c, a) -> c.reply().verbatim("txt", new InfoReport(server, c).render(a)));
        bind("time", this::time);
        bind("dbsize", (c, a) -> c.reply().integer(server.keyspace().database(c.database()).size()));
        bind("monitor", this::monitor);
        bind("shutdown", this::shutdown);
    }

    private void time(Client c, CommandArguments a) {
        long micros = currentMicros();
        c.reply().arrayHeader(2);
        c.reply().bulkLong(micros / 1_000_000);
        c.reply().bulkLong(micros % 1_000_000);
    }

    /** Wall-clock time in microseconds. */
    static long currentMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    private void monitor(Client c, CommandArguments a) {
        if (c.isMonitor()) {
            return;
        }
        c.setMonitor(true);
        server.clients().addMonitor(c);
        c.reply().ok();
    }

    private void shutdown(Client c, CommandArguments a) {
        boolean save = false;
        boolean noSave = false;
        boolean abort = false;
        boolean force = false;
        for (int i = 1; i < a.count(); i++) {
            if (a.equalsIgnoreCase(i, "nosave")) {
                noSave = true;
            } else if (a.equalsIgnoreCase(i, "save")) {
                save = true;
            } else if (a.equalsIgnoreCase(i, "now")) {
                continue;
            } else if (a.equalsIgnoreCase(i, "force")) {
                force = true;
            } else if (a.equalsIgnoreCase(i, "abort")) {
                abort = true;
            } else {
                c.reply().error(SYNTAX_ERROR);
                return;
            }
        }
        if ((abort && a.count() != 2) || (save && noSave)) {
            c.reply().error(SYNTAX_ERROR);
            return;
        }
        if (abort) {
            // Shutting down never waits for replicas here, so there is never one to abort.
            c.reply().error("ERR No shutdown in progress.");
            return;
        }
        if (save && !force) {
            server.log().warning("Error trying to save the DB: Cinnabar has no persistence yet, can't exit.");
            server.log().warning("Errors trying to shut down the server. Check the logs for more information.");
            c.reply().error("ERR Errors trying to SHUTDOWN. Check logs.");
            return;
        }
        server.shutdownRequested("User requested shutdown...");
    }
}
