package dev.cinnabar.server;

import dev.cinnabar.server.client.Client;
import dev.cinnabar.server.config.OutputBufferLimits;

/**
 * Periodic and per-command checks on clients: the idle timeout (config {@code timeout}) and the
 * output buffer limits ({@code client-output-buffer-limit}), which close a client whose replies
 * pile up faster than it reads them so that it cannot exhaust the server's memory.
 */
final class ClientHousekeeping {
    private ClientHousekeeping() {}

    /** The cron part: idle clients and clients stuck over their soft output limit. */
    static void run(Server server, long nowMillis) {
        long timeout = server.config().timeoutSeconds;
        for (Client c : server.clients().snapshot()) {
            if (c.isClosed()) {
                continue;
            }
            if (timeout > 0 && !c.isMonitor() && !c.isSuspended()
                    && (nowMillis - c.lastInteractionMillis()) / 1000 > timeout) {
                server.log().verbose("Closing idle client");
                server.connectionOf(c).closeNow();
                continue;
            }
            checkOutputLimits(server, c, nowMillis);
        }
    }

    /**
     * {@link #checkOutputLimits(Server, Client, long)} on the hot paths (after each command, after
     * each message delivered): the clock is read only when a soft limit needs it.
     */
    static void checkOutputLimits(Server server, Client c) {
        checkOutputLimits(server, c, -1);
    }

    /**
     * Closes the client when its pending output is over the hard limit, or over the soft one for
     * too long. {@code nowMillis} is -1 when the caller has not read the clock.
     */
    static void checkOutputLimits(Server server, Client c, long nowMillis) {
        // Nearly always nothing is pending beyond the first 16 KiB: decide that first.
        long used = c.limitedOutputBytes();
        if (used == 0 && c.softLimitSinceMillis() == 0) {
            return;
        }
        OutputBufferLimits limits = server.config().outputBufferLimits;
        OutputBufferLimits.Limit limit = switch (c.kind()) {
            case PUBSUB -> limits.pubsub();
            case REPLICA -> limits.replica();
            default -> limits.normal();
        };
        if (limit.isUnlimited() || c.isClosed()) {
            return;
        }
        if (nowMillis < 0) {
            nowMillis = System.currentTimeMillis();
        }
        boolean hard = limit.hardBytes() > 0 && used >= limit.hardBytes();
        boolean soft = limit.softBytes() > 0 && used >= limit.softBytes();
        if (soft && !hard) {
            if (c.softLimitSinceMillis() == 0) {
                c.setSoftLimitSinceMillis(nowMillis);
                return;
            }
            if ((nowMillis - c.softLimitSinceMillis()) / 1000 <= limit.softSeconds()) {
                return;
            }
        } else if (!hard) {
            c.setSoftLimitSinceMillis(0);
            return;
        }
        server.killClient(c, "Client " + ClientDescriptions.describe(server, c, nowMillis)
                + " scheduled to be closed ASAP for overcoming of output buffer limits.");
    }
}
