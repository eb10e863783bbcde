package dev.cinnabar.server;

import dev.cinnabar.server.client.Client;
import dev.cinnabar.server.command.CommandFlag;
import dev.cinnabar.server.command.CommandSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * CLIENT PAUSE / UNPAUSE. While a pause is on, a client's command that the pause covers (every
 * command for ALL; write commands and commands that may replicate for WRITE) is not run: the
 * client is postponed, stops being read, and the same command runs when the pause ends.
 *
 * <p>As in Redis, a new pause never shortens or weakens the current one: the end time only moves
 * later and WRITE only turns into ALL.
 */
public final class ClientPauses {
    public enum Mode { NONE, WRITE, ALL }

    private final Server server;
    private Mode mode = Mode.NONE;
    private long endMillis;
    private final List<Client> postponed = new ArrayList<>();

    ClientPauses(Server server) {
        this.server = server;
    }

    public Mode mode() {
        return mode;
    }

    public long endMillis() {
        return endMillis;
    }

    /** Starts or extends a pause until {@code untilMillis}. */
    public void pause(Mode requested, long untilMillis) {
        if (requested.ordinal() > mode.ordinal()) {
            mode = requested;
        }
        if (untilMillis > endMillis) {
            endMillis = untilMillis;
        }
    }

    boolean mustPostpone(Client client, CommandSpec spec) {
        return switch (mode) {
            case NONE -> false;
            case ALL -> true;
            case WRITE -> spec.has(CommandFlag.WRITE) || spec.has(CommandFlag.MAY_REPLICATE);
        };
    }

    void postpone(Client client) {
        client.setPostponed(true);
        client.channel().config().setAutoRead(false);
        postponed.add(client);
    }

    /** Number of clients waiting for the pause to end. */
    public int postponedCount() {
        return postponed.size();
    }

    /** Ends the pause and runs the postponed clients' commands, in the order they arrived. */
    public void unpause() {
        mode = Mode.NONE;
        endMillis = 0;
        List<Client> waiting = new ArrayList<>(postponed);
        postponed.clear();
        for (Client c : waiting) {
            if (!c.isClosed()) {
                c.channel().config().setAutoRead(true);
                server.connectionOf(c).resume();
            }
        }
        server.clients().flushPending();
    }

    /** Called from the server cron: ends the pause when its time is up. */
    void expire(long nowMillis) {
        if (mode != Mode.NONE && nowMillis >= endMillis) {
            unpause();
        }
    }

    /** A disconnected client no longer waits. */
    void forget(Client client) {
        postponed.remove(client);
    }
}
