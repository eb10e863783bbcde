package dev.cinnabar.server.family;

import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.resp.ReplyWriter;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;
import dev.cinnabar.server.client.TrackingState;
import dev.cinnabar.server.tracking.ClientTracking;
import java.util.ArrayList;
import java.util.List;

/**
 * CLIENT TRACKING, CLIENT CACHING, CLIENT GETREDIR and CLIENT TRACKINGINFO: the commands of
 * client-side caching. The options are checked in Redis's order, so that a call with several
 * problems gets the same error as from Redis.
 */
final class TrackingCommands extends CommandFamily {
    TrackingCommands(Server server) {
        super(server);
    }

    @Override
    void bindAll() {
        bind("client|tracking", this::tracking);
        bind("client|caching", this::caching);
        bind("client|getredir", (c, a) -> c.reply().integer(c.tracking() == null ? -1 : c.tracking().redirect));
        bind("client|trackinginfo", this::trackingInfo);
    }

    private void tracking(Client c, CommandArguments a) {
        long redirect = 0;
        boolean broadcast = false;
        boolean optIn = false;
        boolean optOut = false;
        boolean noLoop = false;
        List<byte[]> prefixes = new ArrayList<>();
        for (int i = 3; i < a.count(); i++) {
            boolean more = i + 1 < a.count();
            if (a.equalsIgnoreCase(i, "redirect") && more) {
                i++;
                if (redirect != 0) {
                    c.reply().error("ERR A client can only redirect to a single other client");
                    return;
                }
                if (!a.isLong(i)) {
                    c.reply().error(NOT_AN_INTEGER);
                    return;
                }
                redirect = a.longValue(i);
                if (server.clients().get(redirect) == null) {
                    c.reply().error("ERR The client ID you want redirect to does not exist");
                    return;
                }
            } else if (a.equalsIgnoreCase(i, "bcast")) {
                broadcast = true;
            } else if (a.equalsIgnoreCase(i, "optin")) {
                optIn = true;
            } else if (a.equalsIgnoreCase(i, "optout")) {
                optOut = true;
            } else if (a.equalsIgnoreCase(i, "noloop")) {
                noLoop = true;
            } else if (a.equalsIgnoreCase(i, "prefix") && more) {
                prefixes.add(a.copy(++i));
            } else {
                c.reply().error(SYNTAX_ERROR);
                return;
            }
        }
        ClientTracking tracking = server.tracking();
        if (a.equalsIgnoreCase(2, "on")) {
            String error = optionError(c, broadcast, optIn, optOut, prefixes);
            if (error != null) {
                c.reply().error(error);
                return;
            }
            tracking.enable(c, redirect, broadcast, optIn, optOut, noLoop, prefixes);
        } else if (a.equalsIgnoreCase(2, "off")) {
            tracking.disable(c);
        } else {
            c.reply().error(SYNTAX_ERROR);
            return;
        }
        c.reply().ok();
    }

    /** What is wrong with the options of CLIENT TRACKING ON, checked in Redis's order; null when nothing. */
    private static String optionError(Client c, boolean broadcast, boolean optIn, boolean optOut, List<byte[]> prefixes) {
        TrackingState current = c.tracking();
        if (!broadcast && !prefixes.isEmpty()) {
            return "ERR PREFIX option requires BCAST mode to be enabled";
        }
        if (current != null && current.broadcast != broadcast) {
            return "ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then "
                    + "re-enabling it with a different mode.";
        }
        if (broadcast && (optIn || optOut)) {
            return "ERR OPTIN and OPTOUT are not compatible with BCAST";
        }
        if (optIn && optOut) {
            return "ERR You can't specify both OPTIN mode and OPTOUT mode";
        }
        if (current != null && ((optIn && current.optOut) || (optOut && current.optIn))) {
            return "ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then "
                    + "re-enabling it with a different mode.";
        }
        if (broadcast) {
            return ClientTracking.prefixCollision(c, prefixes);
        }
        return null;
    }

    private void caching(Client c, CommandArguments a) {
        TrackingState state = c.tracking();
        if (state == null) {
            c.reply().error("ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or "
                    + "OPTOUT mode enabled");
            return;
        }
        if (a.equalsIgnoreCase(2, "yes")) {
            if (!state.optIn) {
                c.reply().error("ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.");
                return;
            }
        } else if (a.equalsIgnoreCase(2, "no")) {
            if (!state.optOut) {
                c.reply().error("ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.");
                return;
            }
        } else {
            c.reply().error(SYNTAX_ERROR);
            return;
        }
        state.caching = true;
        c.reply().ok();
    }

    private void trackingInfo(Client c, CommandArguments a) {
        TrackingState state = c.tracking();
        ReplyWriter r = c.reply();
        r.mapHeader(3);
        r.bulkAscii("flags");
        List<String> flags = new ArrayList<>();
        flags.add(state == null ? "off" : "on");
        if (state != null) {
            if (state.broadcast) {
                flags.add("bcast");
            }
            if (state.optIn) {
                flags.add("optin");
                if (state.caching) {
                    flags.add("caching-yes");
                }
            }
            if (state.optOut) {
                flags.add("optout");
                if (state.caching) {
                    flags.add("caching-no");
                }
            }
            if (state.noLoop) {
                flags.add("noloop");
            }
            if (state.brokenRedirect) {
                flags.add("broken_redirect");
            }
        }
        r.setHeader(flags.size());
        for (String flag : flags) {
            r.bulkAscii(flag);
        }
        r.bulkAscii("redirect");
        r.integer(state == null ? -1 : state.redirect);
        r.bulkAscii("prefixes");
        if (state == null) {
            r.arrayHeader(0);
        } else {
            r.arrayHeader(state.prefixes.size());
            for (byte[] prefix : state.prefixes) {
                r.bulk(prefix);
            }
        }
    }
}
