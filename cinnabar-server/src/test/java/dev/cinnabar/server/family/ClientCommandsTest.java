package dev.cinnabar.server.family;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.Cinnabar;
import dev.cinnabar.server.testing.RespConnection;
import dev.cinnabar.server.testing.TestServers;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CLIENT subcommands through raw connections (exact replies). */
class ClientCommandsTest {
    private Cinnabar server;

    @BeforeEach
    void start() {
        server = TestServers.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RespConnection connect() {
        return new RespConnection(server.port());
    }

    private static long id(RespConnection c) {
        return Long.parseLong(c.callRawString("CLIENT", "ID").substring(1).trim());
    }

    @Test
    void namesAreValidatedAndCleared() {
        try (RespConnection c = connect()) {
            assertThat(c.callRawString("CLIENT", "GETNAME")).isEqualTo("$-1\r\n");
            assertThat(c.callRawString("CLIENT", "SETNAME", "a b")).isEqualTo(
                    "-ERR Client names cannot contain spaces, newlines or special characters.\r\n");
            assertThat(c.callRawString("CLIENT", "SETNAME", "worker-1")).isEqualTo("+OK\r\n");
            assertThat(c.callRawString("CLIENT", "GETNAME")).isEqualTo("$8\r\nworker-1\r\n");
            assertThat(c.callRawString("CLIENT", "SETNAME", "")).isEqualTo("+OK\r\n");
            assertThat(c.callRawString("CLIENT", "GETNAME")).isEqualTo("$-1\r\n");
            c.callRawString("CLIENT", "SETNAME", "again");
            assertThat(c.callRawString("RESET")).isEqualTo("+RESET\r\n");
            assertThat(c.callRawString("CLIENT", "GETNAME")).isEqualTo("$-1\r\n");
        }
    }

    @Test
    void listAndInfoDescribeConnectionsWithRedisFields() {
        try (RespConnection a = connect(); RespConnection b = connect()) {
            long idA = id(a);
            long idB = id(b);
            b.callRawString("CLIENT", "SETNAME", "bee");
            b.callRawString("SELECT", "4");
            String list = a.callRawString("CLIENT", "LIST");
            assertThat(list).contains("id=" + idA + " ").contains("id=" + idB + " ").contains("name=bee")
                    .contains("cmd=client|list").endsWith("\n\r\n");
            String line = a.callRawString("CLIENT", "LIST", "ID", Long.toString(idB));
            assertThat(line).matches("(?s)\\$\\d+\r\nid=" + idB + " addr=127\\.0\\.0\\.1:\\d+ laddr=127\\.0\\.0\\.1:\\d+ fd=-?\\d+ "
                    + "name=bee age=\\d+ idle=\\d+ flags=N db=4 sub=0 psub=0 ssub=0 multi=-1 qbuf=\\d+ qbuf-free=\\d+ "
                    + "argv-mem=\\d+ multi-mem=0 rbs=\\d+ rbp=\\d+ obl=\\d+ oll=\\d+ omem=\\d+ tot-mem=\\d+ events=rw? "
                    + "cmd=select user=default redir=-1 resp=2 lib-name= lib-ver=\n\r\n");
            assertThat(a.callRawString("CLIENT", "LIST", "ID", "999999")).isEqualTo("$0\r\n\r\n");
            assertThat(a.callRawString("CLIENT", "LIST", "ID", "x")).isEqualTo("-ERR Invalid client ID\r\n");
            assertThat(a.callRawString("CLIENT", "LIST", "TYPE", "foo")).isEqualTo("-ERR Unknown client type 'foo'\r\n");
            assertThat(a.callRawString("CLIENT", "LIST", "TYPE", "pubsub")).isEqualTo("$0\r\n\r\n");
            assertThat(a.callRawString("CLIENT", "LIST", "TYPE", "normal")).contains("id=" + idB + " ");
            assertThat(a.callRawString("CLIENT", "LIST", "FOO")).isEqualTo("-ERR syntax error\r\n");
            a.callRawString("HELLO", "3");
            assertThat(a.callRawString("CLIENT", "INFO")).startsWith("=").contains("txt:id=" + idA + " ")
                    .contains("resp=3");
        }
    }

    @Test
    void setInfoAndFlags() {
        try (RespConnection c = connect()) {
            assertThat(c.callRawString("CLIENT", "SETINFO", "LIB-NAME", "jedis")).isEqualTo("+OK\r\n");
            assertThat(c.callRawString("CLIENT", "SETINFO", "lib-ver", "5.1.0")).isEqualTo("+OK\r\n");
            assertThat(c.callRawString("CLIENT", "SETINFO", "badger", "x")).isEqualTo("-ERR Unrecognized option 'badger'\r\n");
            assertThat(c.callRawString("CLIENT", "SETINFO", "lib-name", "redis py")).isEqualTo(
                    "-ERR lib-name cannot contain spaces, newlines or special characters.\r\n");
            assertThat(c.callRawString("CLIENT", "INFO")).contains("lib-name=jedis lib-ver=5.1.0");
            assertThat(c.callRawString("CLIENT", "NO-EVICT", "on")).isEqualTo("+OK\r\n");
            assertThat(c.callRawString("CLIENT", "NO-TOUCH", "ON")).isEqualTo("+OK\r\n");
            assertThat(c.callRawString("CLIENT", "INFO")).contains(" flags=eT ");
            assertThat(c.callRawString("CLIENT", "NO-TOUCH", "maybe")).isEqualTo("-ERR syntax error\r\n");
            // RESET keeps the library attributes and (as Redis 7.0 does) NO-EVICT, and clears NO-TOUCH.
            c.callRawString("RESET");
            assertThat(c.callRawString("CLIENT", "INFO")).contains(" flags=e ").contains("lib-name=jedis lib-ver=5.1.0");
            assertThat(c.callRawString("CLIENT", "SETINFO", "lib-name", "")).isEqualTo("+OK\r\n");
            assertThat(c.callRawString("CLIENT", "INFO")).contains("lib-name= lib-ver=5.1.0");
        }
    }

    @Test
    void killInTheOldAndTheFilterForm() {
        try (RespConnection killer = connect(); RespConnection victim = connect(); RespConnection other = connect()) {
            long victimId = id(victim);
            String info = victim.callRawString("CLIENT", "INFO");
            String address = info.substring(info.indexOf("addr=") + 5, info.indexOf(' ', info.indexOf("addr=")));
            assertThat(killer.callRawString("CLIENT", "KILL", "1.2.3.4:5")).isEqualTo("-ERR No such client\r\n");
            assertThat(killer.callRawString("CLIENT", "KILL", address)).isEqualTo("+OK\r\n");
            assertThat(victim.isClosedByPeer(2000)).isTrue();
            assertThat(killer.callRawString("CLIENT", "KILL", "ID", Long.toString(victimId))).isEqualTo(":0\r\n");
            assertThat(killer.callRawString("CLIENT", "KILL", "ID", Long.toString(id(other)))).isEqualTo(":1\r\n");
            assertThat(other.isClosedByPeer(2000)).isTrue();
            assertThat(killer.callRawString("CLIENT", "KILL", "ID", "0")).isEqualTo("-ERR client-id should be greater than 0\r\n");
            assertThat(killer.callRawString("CLIENT", "KILL", "TYPE", "foo")).isEqualTo("-ERR Unknown client type 'foo'\r\n");
            assertThat(killer.callRawString("CLIENT", "KILL", "USER", "bob")).isEqualTo("-ERR No such user 'bob'\r\n");
            assertThat(killer.callRawString("CLIENT", "KILL", "SKIPME", "maybe")).isEqualTo("-ERR syntax error\r\n");
            assertThat(killer.callRawString("CLIENT", "KILL", "foo", "bar")).isEqualTo("-ERR syntax error\r\n");
            // SKIPME yes (the default) spares the caller; SKIPME no kills it after the reply.
            assertThat(killer.callRawString("CLIENT", "KILL", "TYPE", "normal")).isEqualTo(":0\r\n");
            assertThat(killer.callRawString("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "no")).isEqualTo(":1\r\n");
            assertThat(killer.isClosedByPeer(2000)).isTrue();
        }
    }

    @Test
    void pauseHoldsCommandsUntilUnpauseThenRunsThem() throws Exception {
        try (RespConnection admin = connect(); RespConnection writer = connect(); RespConnection reader = connect()) {
            assertThat(admin.callRawString("CLIENT", "PAUSE", "abc")).isEqualTo("-ERR timeout is not an integer or out of range\r\n");
            assertThat(admin.callRawString("CLIENT", "PAUSE", "-1")).isEqualTo("-ERR timeout is negative\r\n");
            assertThat(admin.callRawString("CLIENT", "PAUSE", "10", "FOO")).isEqualTo("-ERR CLIENT PAUSE mode must be WRITE or ALL\r\n");
            assertThat(admin.callRawString("CLIENT", "PAUSE", "60000", "WRITE")).isEqualTo("+OK\r\n");
            // A write pause lets reads through. (No write command exists yet besides the held ones
            // tested below with ALL.)
            assertThat(reader.callRawString("PING")).isEqualTo("+PONG\r\n");
            assertThat(admin.callRawString("CLIENT", "UNPAUSE")).isEqualTo("+OK\r\n");

            assertThat(admin.callRawString("CLIENT", "PAUSE", "60000", "ALL")).isEqualTo("+OK\r\n");
            CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> writer.callRawString("ECHO", "after"));
            Thread.sleep(300);
            assertThat(held).isNotDone();
            // Errors found before the pause check still answer at once.
            assertThat(reader.callRawString("NOSUCH")).startsWith("-ERR unknown command");
            server.server().runOnLoop(() -> server.server().pauses().unpause());
            assertThat(held.get(5, TimeUnit.SECONDS)).isEqualTo("$5\r\nafter\r\n");
        }
    }

    @Test
    void pauseEndsByItselfWhenItsTimeIsUp() throws Exception {
        try (RespConnection admin = connect(); RespConnection other = connect()) {
            assertThat(admin.callRawString("CLIENT", "PAUSE", "300")).isEqualTo("+OK\r\n");
            CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> other.callRawString("PING"));
            Thread.sleep(100);
            assertThat(held).as("held while the pause lasts").isNotDone();
            assertThat(held.get(5, TimeUnit.SECONDS)).isEqualTo("+PONG\r\n");
        }
    }
}
