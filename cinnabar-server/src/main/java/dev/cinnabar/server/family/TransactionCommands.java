package dev.cinnabar.server.family;

import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.WatchRegistry;
import dev.cinnabar.server.client.Client;
import java.util.List;

/**
 * MULTI, EXEC, DISCARD, WATCH and UNWATCH. Queueing itself is the dispatcher's job (it is one of
 * the admission steps); EXEC runs the queued commands back to back, each through the
 * dispatcher's call (statistics, slow log, MONITOR), so nothing from another client can run in
 * between, and clients blocked on keys the transaction filled are served only after EXEC.
 */
final class TransactionCommands extends CommandFamily {
    TransactionCommands(Server server) {
        super(server);
    }

    @Override
    void bindAll() {
        bind("multi", this::multi);
        bind("exec", this::exec);
        bind("discard", this::discard);
        bind("watch", this::watch);
        bind("unwatch", (c, a) -> {
            server.watches().unwatchAll(c);
            c.setWatchedKeyChanged(false);
            c.reply().ok();
        });
    }

    private void multi(Client c, CommandArguments a) {
        if (c.inMulti()) {
            c.reply().error("ERR MULTI calls can not be nested");
            return;
        }
        c.beginTransaction();
        c.reply().ok();
    }

    private void discard(Client c, CommandArguments a) {
        if (!c.inMulti()) {
            c.reply().error("ERR DISCARD without MULTI");
            return;
        }
        server.watches().unwatchAll(c);
        c.endTransaction();
        c.reply().ok();
    }

    private void watch(Client c, CommandArguments a) {
        if (c.inMulti()) {
            c.reply().error("ERR WATCH inside MULTI is not allowed");
            return;
        }
        for (int i = 1; i < a.count(); i++) {
            server.watches().watch(c, a.copy(i));
        }
        c.reply().ok();
    }

    private void exec(Client c, CommandArguments a) {
        if (!c.inMulti()) {
            c.reply().error("ERR EXEC without MULTI");
            return;
        }
        WatchRegistry watches = server.watches();
        if (watches.watchedKeyExpired(c)) {
            c.setWatchedKeyChanged(true);
        }
        if (c.transactionAborted() || c.watchedKeyChanged()) {
            if (c.transactionAborted()) {
                c.reply().error("EXECABORT Transaction discarded because of previous errors.");
            } else {
                c.reply().nullArray();
            }
            watches.unwatchAll(c);
            c.endTransaction();
            return;
        }
        // As in Redis, the keys are unwatched first and the client stays in MULTI while the queue
        // runs, so CLIENT LIST inside the transaction shows flags=x and multi=<queued count>.
        List<Client.QueuedCommand> queued = c.queuedCommands();
        watches.unwatchAll(c);
        c.setExecutingTransaction(true);
        try {
            c.reply().arrayHeader(queued.size());
            CommandArguments args = new CommandArguments();
            for (Client.QueuedCommand command : queued) {
                args.setAll(command.arguments());
                server.dispatcher().callQueued(c, command.spec(), args);
            }
        } finally {
            c.setExecutingTransaction(false);
            c.endTransaction();
        }
    }
}
