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

    /** Closes the client when its pending output is over the hard limit, or over the soft one for too long. */
    static void checkOutputLimits(Server server, Client c, long nowMillis) {
        OutputBufferLimits limits = server.config().outputBufferLimits;
        OutputBufferLimits.Limit limit = switch (c.kind()) {
            case PUBSUB -> limits.pubsub();
            case REPLICA -> limits.replica();
            default -> limits.normal();
        };
        if (limit.isUnlimited() || c.isClosed()) {
            return;
        }
        long used = c.limitedOutputBytes();
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
