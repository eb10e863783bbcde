package dev.cinnabar.server.family;

import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.resp.ReplyWriter;
import dev.cinnabar.resp.SharedReplies;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** PING, ECHO, QUIT, RESET, SELECT, AUTH and HELLO. */
final class ConnectionCommands extends CommandFamily {
    static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
    private static final byte[] RESET = SharedReplies.ascii("+RESET\r\n");

    ConnectionCommands(Server server) {
        super(server);
    }

    @Override
    void bindAll() {
        bind("ping", this::ping);
        bind("echo", (c, a) -> c.reply().bulk(a.arrayOf(1), a.offsetOf(1), a.length(1)));
        bind("quit", this::quit);
        bind("reset", this::reset);
        bind("select", this::select);
        bind("auth", this::auth);
        bind("hello", this::hello);
    }

    private static final byte[] PONG_MESSAGE = {'p', 'o', 'n', 'g'};

    private void ping(Client c, CommandArguments a) {
        if (a.count() > 2) {
            c.reply().error("ERR wrong number of arguments for 'ping' command");
        } else if (c.inSubscribedMode()) {
            // A RESP2 subscriber reads everything as messages, so PING answers in that shape.
            c.reply().arrayHeader(2);
            c.reply().bulk(PONG_MESSAGE);
            if (a.count() == 1) {
                c.reply().bulk(new byte[0]);
            } else {
                c.reply().bulk(a.arrayOf(1), a.offsetOf(1), a.length(1));
            }
        } else if (a.count() == 1) {
            c.reply().raw(SharedReplies.PONG);
        } else {
            c.reply().bulk(a.arrayOf(1), a.offsetOf(1), a.length(1));
        }
    }

    private void quit(Client c, CommandArguments a) {
        c.reply().ok();
        c.setCloseAfterReply();
    }

    private void reset(Client c, CommandArguments a) {
        server.watches().unwatchAll(c);
        c.endTransaction();
        server.pubsub().forget(c);
        server.tracking().disable(c);
        if (c.isMonitor()) {
            c.setMonitor(false);
            server.clients().monitors().remove(c);
        }
        c.selectDatabase(0);
        c.setProtocol(2);
        c.setAuthenticated(server.config().requirePass.isEmpty());
        c.setName("");
        // Redis 7.0 keeps NO-EVICT across RESET; NO-TOUCH (a 7.2 feature) is cleared as 7.2 does.
        c.setNoTouch(false);
        c.setReplyMode(Client.ReplyMode.ON);
        c.reply().raw(RESET);
    }

    private void select(Client c, CommandArguments a) {
        if (!a.isLong(1)) {
            c.reply().error(NOT_AN_INTEGER);
            return;
        }
        long index = a.longValue(1);
        if (index < Integer.MIN_VALUE || index > Integer.MAX_VALUE) {
            c.reply().error(INT_RANGE);
            return;
        }
        if (index < 0 || index >= server.keyspace().databaseCount()) {
            c.reply().error("ERR DB index is out of range");
            return;
        }
        c.selectDatabase((int) index);
        c.reply().ok();
    }

    private void auth(Client c, CommandArguments a) {
        server.dispatcher().redact(1);
        if (a.count() > 3) {
            c.reply().error(SYNTAX_ERROR);
            return;
        }
        if (a.count() == 3) {
            server.dispatcher().redact(2);
        }
        boolean passwordless = server.config().requirePass.isEmpty();
        if (a.count() == 2 && passwordless) {
            c.reply().error("ERR AUTH <password> called without any password configured for the default user. "
                    + "Are you sure your configuration is correct?");
            return;
        }
        int user = a.count() == 3 ? 1 : -1;
        int password = a.count() - 1;
        if (authenticate(a, user, password)) {
            c.setAuthenticated(true);
            c.reply().ok();
        } else {
            c.reply().error(WRONGPASS);
        }
    }

    /** Checks a (user, password) pair against the default user; {@code userIndex} -1 means "default". */
    private boolean authenticate(CommandArguments a, int userIndex, int passwordIndex) {
        if (userIndex >= 0 && !a.equalsBytes(userIndex, DEFAULT_USER)) {
            return false;
        }
        String required = server.config().requirePass;
        if (required.isEmpty()) {
            return true;
        }
        // Constant-time comparison, so the time taken reveals nothing about the password.
        return MessageDigest.isEqual(a.copy(passwordIndex), required.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static final byte[] DEFAULT_USER = "default".getBytes(StandardCharsets.ISO_8859_1);

    private void hello(Client c, CommandArguments a) {
        ReplyWriter r = c.reply();
        int next = 1;
        long version = 0;
        if (a.count() >= 2) {
            if (!a.isLong(1)) {
                r.error("ERR Protocol version is not an integer or out of range");
                return;
            }
            version = a.longValue(1);
            next = 2;
            if (version < 2 || version > 3) {
                r.error("NOPROTO unsupported protocol version");
                return;
            }
        }
        int userIndex = -1;
        int passwordIndex = -1;
        int nameIndex = -1;
        for (int j = next; j < a.count(); j++) {
            int more = a.count() - 1 - j;
            if (a.equalsIgnoreCase(j, "AUTH") && more >= 2) {
                server.dispatcher().redact(j + 1);
                server.dispatcher().redact(j + 2);
                userIndex = j + 1;
                passwordIndex = j + 2;
                j += 2;
            } else if (a.equalsIgnoreCase(j, "SETNAME") && more >= 1) {
                nameIndex = j + 1;
                if (!ClientCommands.validName(a, nameIndex)) {
                    r.error(ClientCommands.INVALID_NAME);
                    return;
                }
                j++;
            } else {
                r.error("ERR Syntax error in HELLO option '" + a.cString(j) + "'");
                return;
            }
        }
        if (userIndex >= 0) {
            if (!authenticate(a, userIndex, passwordIndex)) {
                r.error(WRONGPASS);
                return;
            }
            c.setAuthenticated(true);
        }
        if (server.authenticationRequired(c)) {
            r.error("NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH "
                    + "<user> <pass> option can be used to authenticate the client and select the RESP protocol "
                    + "version at the same time");
            return;
        }
        if (nameIndex >= 0) {
            c.setName(a.string(nameIndex));
        }
        if (version != 0) {
            c.setProtocol((int) version);
        }
        r.mapHeader(7);
        r.bulkAscii("server");
        r.bulkAscii("redis");
        r.bulkAscii("version");
        r.bulkAscii(Server.REDIS_VERSION);
        r.bulkAscii("proto");
        r.integer(c.protocol());
        r.bulkAscii("id");
        r.integer(c.id());
        r.bulkAscii("mode");
        r.bulkAscii("standalone");
        r.bulkAscii("role");
        r.bulkAscii("master");
        r.bulkAscii("modules");
        r.arrayHeader(0);
    }
}
