package dev.cinnabar.server.family;

import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.server.ClientDescriptions;
import dev.cinnabar.server.ClientPauses;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;
import java.util.List;

/** CLIENT and its subcommands. */
final class ClientCommands extends CommandFamily {
    static final String INVALID_NAME = "ERR Client names cannot contain spaces, newlines or special characters.";

    ClientCommands(Server server) {
        super(server);
    }

    @Override
    void bindAll() {
        bind("client|id", (c, a) -> c.reply().integer(c.id()));
        bind("client|setname", this::setName);
        bind("client|getname", (c, a) -> c.reply().bulkOrNull(c.name().isEmpty() ? null : latin1(c.name())));
        bind("client|list", this::list);
        bind("client|info", (c, a) -> c.reply().verbatim("txt",
                ClientDescriptions.describe(server, c, System.currentTimeMillis()) + "\n"));
        bind("client|kill", this::kill);
        bind("client|setinfo", this::setInfo);
        bind("client|no-evict", (c, a) -> onOff(c, a, c::setNoEvict));
        bind("client|no-touch", (c, a) -> onOff(c, a, c::setNoTouch));
        bind("client|reply", this::reply);
        bind("client|pause", this::pause);
        bind("client|unpause", (c, a) -> {
            server.pauses().unpause();
            c.reply().ok();
        });
        bind("client|unblock", this::unblock);
        bind("client|help", (c, a) -> help(c, "CLIENT", HELP));
    }

    private static byte[] latin1(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Redis accepts names made of the printable characters '!'..'~' only (no spaces). */
    static boolean validName(CommandArguments a, int index) {
        for (int i = 0; i < a.length(index); i++) {
            int ch = a.byteAt(index, i) & 0xff;
            if (ch < '!' || ch > '~') {
                return false;
            }
        }
        return true;
    }

    private void setName(Client c, CommandArguments a) {
        if (!validName(a, 2)) {
            c.reply().error(INVALID_NAME);
            return;
        }
        c.setName(a.string(2));
        c.reply().ok();
    }

    private void setInfo(Client c, CommandArguments a) {
        String attribute = a.cString(2);
        boolean name = attribute.equalsIgnoreCase("lib-name");
        if (!name && !attribute.equalsIgnoreCase("lib-ver")) {
            c.reply().error("ERR Unrecognized option '" + attribute + "'");
            return;
        }
        if (!validName(a, 3)) {
            c.reply().error("ERR " + attribute + " cannot contain spaces, newlines or special characters.");
            return;
        }
        if (name) {
            c.setLibraryName(a.string(3));
        } else {
            c.setLibraryVersion(a.string(3));
        }
        c.reply().ok();
    }

    private void onOff(Client c, CommandArguments a, java.util.function.Consumer<Boolean> setter) {
        if (a.equalsIgnoreCase(2, "on")) {
            setter.accept(true);
        } else if (a.equalsIgnoreCase(2, "off")) {
            setter.accept(false);
        } else {
            c.reply().error(SYNTAX_ERROR);
            return;
        }
        c.reply().ok();
    }

    private void reply(Client c, CommandArguments a) {
        if (a.equalsIgnoreCase(2, "on")) {
            c.setReplyMode(Client.ReplyMode.ON);
            c.reply().ok();
        } else if (a.equalsIgnoreCase(2, "off")) {
            c.setReplyMode(Client.ReplyMode.OFF);
        } else if (a.equalsIgnoreCase(2, "skip")) {
            if (c.replyMode() != Client.ReplyMode.OFF) {
                c.setReplyMode(Client.ReplyMode.SKIP_NEXT);
            }
        } else {
            c.reply().error(SYNTAX_ERROR);
        }
    }

    /** Client kinds as CLIENT LIST TYPE / CLIENT KILL TYPE name them; null when unknown. */
    private static Client.Kind kindByName(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "normal" -> Client.Kind.NORMAL;
            case "slave", "replica" -> Client.Kind.REPLICA;
            case "pubsub" -> Client.Kind.PUBSUB;
            case "master" -> Client.Kind.MASTER;
            default -> null;
        };
    }

    private void list(Client c, CommandArguments a) {
        long now = System.currentTimeMillis();
        StringBuilder out = new StringBuilder();
        if (a.count() == 4 && a.equalsIgnoreCase(2, "type")) {
            Client.Kind kind = kindByName(a.string(3));
            if (kind == null) {
                c.reply().error("ERR Unknown client type '" + a.cString(3) + "'");
                return;
            }
            for (Client other : server.clients().all()) {
                if (other.kind() == kind) {
                    out.append(ClientDescriptions.describe(server, other, now)).append('\n');
                }
            }
        } else if (a.count() > 3 && a.equalsIgnoreCase(2, "id")) {
            for (int i = 3; i < a.count(); i++) {
                if (!a.isLong(i)) {
                    c.reply().error("ERR Invalid client ID");
                    return;
                }
                Client other = server.clients().get(a.longValue(i));
                if (other != null) {
                    out.append(ClientDescriptions.describe(server, other, now)).append('\n');
                }
            }
        } else if (a.count() != 2) {
            c.reply().error(SYNTAX_ERROR);
            return;
        } else {
            for (Client other : server.clients().all()) {
                out.append(ClientDescriptions.describe(server, other, now)).append('\n');
            }
        }
        c.reply().verbatim("txt", out.toString());
    }

    private void kill(Client c, CommandArguments a) {
        String address = null;
        String localAddress = null;
        Client.Kind kind = null;
        long id = 0;
        boolean skipMe = true;
        if (a.count() == 3) {
            address = a.string(2);
            skipMe = false;
        } else {
            for (int i = 2; i < a.count(); i += 2) {
                boolean more = a.count() > i + 1;
                if (a.equalsIgnoreCase(i, "id") && more) {
                    if (!a.isLong(i + 1) || a.longValue(i + 1) < 1) {
                        c.reply().error("ERR client-id should be greater than 0");
                        return;
                    }
                    id = a.longValue(i + 1);
                } else if (a.equalsIgnoreCase(i, "type") && more) {
                    kind = kindByName(a.string(i + 1));
                    if (kind == null) {
                        c.reply().error("ERR Unknown client type '" + a.cString(i + 1) + "'");
                        return;
                    }
                } else if (a.equalsIgnoreCase(i, "addr") && more) {
                    address = a.string(i + 1);
                } else if (a.equalsIgnoreCase(i, "laddr") && more) {
                    localAddress = a.string(i + 1);
                } else if (a.equalsIgnoreCase(i, "user") && more) {
                    if (!a.string(i + 1).equals("default")) {
                        c.reply().error("ERR No such user '" + a.cString(i + 1) + "'");
                        return;
                    }
                } else if (a.equalsIgnoreCase(i, "skipme") && more) {
                    if (a.equalsIgnoreCase(i + 1, "yes")) {
                        skipMe = true;
                    } else if (a.equalsIgnoreCase(i + 1, "no")) {
                        skipMe = false;
                    } else {
                        c.reply().error(SYNTAX_ERROR);
                        return;
                    }
                } else {
                    c.reply().error(SYNTAX_ERROR);
                    return;
                }
            }
        }
        int killed = 0;
        boolean closeSelf = false;
        for (Client other : server.clients().snapshot()) {
            if (address != null && !other.remoteAddress().equals(address)) {
                continue;
            }
            if (localAddress != null && !other.localAddress().equals(localAddress)) {
                continue;
            }
            if (kind != null && other.kind() != kind) {
                continue;
            }
            if (id != 0 && other.id() != id) {
                continue;
            }
            if (other == c && skipMe) {
                continue;
            }
            if (other == c) {
                closeSelf = true;
            } else {
                server.log().notice("Killing client " + other.remoteAddress() + " (id=" + other.id()
                        + ") on request of client " + c.remoteAddress() + " (id=" + c.id() + ")");
                server.killClient(other, null);
            }
            killed++;
        }
        if (a.count() == 3) {
            if (killed == 0) {
                c.reply().error("ERR No such client");
            } else {
                c.reply().ok();
            }
        } else {
            c.reply().integer(killed);
        }
        if (closeSelf) {
            server.log().notice("Killing client " + c.remoteAddress() + " (id=" + c.id() + ") on its own request");
            c.setCloseAfterReply();
        }
    }

    private void unblock(Client c, CommandArguments a) {
        if (a.count() > 4) {
            subcommandSyntaxError(c, a, "CLIENT");
            return;
        }
        boolean withError = false;
        if (a.count() == 4) {
            if (a.equalsIgnoreCase(3, "error")) {
                withError = true;
            } else if (!a.equalsIgnoreCase(3, "timeout")) {
                c.reply().error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
                return;
            }
        }
        if (!a.isLong(2)) {
            c.reply().error(NOT_AN_INTEGER);
            return;
        }
        c.reply().integer(server.blocking().unblock(a.longValue(2), withError) ? 1 : 0);
    }

    private void pause(Client c, CommandArguments a) {
        if (a.count() > 4) {
            subcommandSyntaxError(c, a, "CLIENT");
            return;
        }
        ClientPauses.Mode mode = ClientPauses.Mode.ALL;
        if (a.count() == 4) {
            if (a.equalsIgnoreCase(3, "write")) {
                mode = ClientPauses.Mode.WRITE;
            } else if (!a.equalsIgnoreCase(3, "all")) {
                c.reply().error("ERR CLIENT PAUSE mode must be WRITE or ALL");
                return;
            }
        }
        if (!a.isLong(2)) {
            c.reply().error("ERR timeout is not an integer or out of range");
            return;
        }
        long timeout = a.longValue(2);
        if (timeout < 0) {
            c.reply().error("ERR timeout is negative");
            return;
        }
        long now = System.currentTimeMillis();
        long end = timeout > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + timeout;
        server.pauses().pause(mode, end);
        c.reply().ok();
    }

    private static final List<String> HELP = List.of(
            "CACHING (YES|NO)",
            "    In OPTIN (YES) or OPTOUT (NO) tracking mode, track (or skip) the keys of the next command.",
            "GETREDIR",
            "    Return the id of the client that receives this connection's invalidations.",
            "GETNAME",
            "    Return the name of this connection.",
            "ID",
            "    Return the numeric id of this connection.",
            "INFO",
            "    Return the description of this connection, in the format of CLIENT LIST.",
            "KILL <ip:port>",
            "    Close the connection coming from the given address.",
            "KILL <option> <value> [<option> <value> [...]]",
            "    Close every connection that matches all the filters given. Filters are:",
            "    * ADDR (<ip:port>): the client's remote address.",
            "    * LADDR (<ip:port>): the address of the server side of the connection.",
            "    * ID <client-id>: the connection id.",
            "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB): the kind of client.",
            "    * USER <username>: the user the connection authenticated as.",
            "    * SKIPME (YES|NO): whether to spare the calling connection (default YES).",
            "LIST [options ...]",
            "    Describe every connection, one per line. Options:",
            "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB): only connections of that kind.",
            "    * ID id [id ...]: only the connections with those ids.",
            "UNBLOCK <clientid> [TIMEOUT|ERROR]",
            "    End the wait of a client blocked in a blocking command: as if it timed out (the default),",
            "    or with an error.",
            "UNPAUSE",
            "    End a pause started by CLIENT PAUSE at once.",
            "PAUSE <timeout> [WRITE|ALL]",
            "    Hold back commands from every client for <timeout> milliseconds:",
            "    * WRITE: only commands that may change data.",
            "    * ALL: every command (the default).",
            "REPLY (ON|OFF|SKIP)",
            "    Choose whether the server replies: always (ON), never (OFF), or not to the next command (SKIP).",
            "SETINFO <option> <value>",
            "    Record the client library in use:",
            "    * LIB-NAME: the library's name.",
            "    * LIB-VER: the library's version.",
            "SETNAME <name>",
            "    Give this connection a name (no spaces or special characters; empty clears it).",
            "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
            "         [OPTIN] [OPTOUT] [NOLOOP]",
            "    Turn on or off the invalidation messages of client-side caching.",
            "TRACKINGINFO",
            "    Describe this connection's tracking settings.",
            "NO-EVICT (ON|OFF)",
            "    Shield this connection from client eviction.",
            "NO-TOUCH (ON|OFF)",
            "    Leave the LRU/LFU data of keys alone when this connection reads them.");
}
