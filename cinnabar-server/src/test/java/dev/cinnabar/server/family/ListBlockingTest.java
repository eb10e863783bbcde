package dev.cinnabar.server.family;

import static dev.cinnabar.server.family.FamilyTarget.NIL;
import static dev.cinnabar.server.family.FamilyTarget.NIL3;
import static dev.cinnabar.server.family.FamilyTarget.OK;
import static dev.cinnabar.server.family.FamilyTarget.ONE;
import static dev.cinnabar.server.family.FamilyTarget.ZERO;
import static dev.cinnabar.server.family.FamilyTarget.array;
import static dev.cinnabar.server.family.FamilyTarget.bulk;
import static dev.cinnabar.server.family.FamilyTarget.bulks;
import static dev.cinnabar.server.family.FamilyTarget.call;
import static dev.cinnabar.server.family.FamilyTarget.error;
import static dev.cinnabar.server.family.FamilyTarget.expect;
import static dev.cinnabar.server.family.FamilyTarget.integer;
import static dev.cinnabar.server.family.FamilyTarget.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.server.testing.RespConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The blocking list commands through raw connections, against Cinnabar and a real redis-server
 * with the same expected replies: FIFO order among waiters, several keys, one push serving several
 * waiters, BLMOVE chains, service only after MULTI/EXEC, keys of another type, timeouts in RESP2
 * and RESP3, CLIENT UNBLOCK, disconnection, INFO's blocked_clients. No assertion depends on
 * timing: a test waits (with a generous bound) until the server counts a client as blocked before
 * it goes on, and timeouts are only checked for what they reply.
 */
class ListBlockingTest extends FamilyTestBase {
    private static final String NIL_ARRAY = "*-1\r\n";

    /** INFO clients' blocked_clients. */
    static long blockedClients(RespConnection c) {
        String info = call(c, "INFO", "clients");
        int at = info.indexOf("blocked_clients:");
        assertThat(at).as("INFO clients has blocked_clients").isGreaterThanOrEqualTo(0);
        int end = info.indexOf("\r\n", at);
        return Long.parseLong(info.substring(at + "blocked_clients:".length(), end));
    }

    /** Waits (at most 10 s) until the server counts {@code n} blocked clients. */
    static void awaitBlocked(RespConnection control, long n) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (blockedClients(control) != n) {
            assertThat(System.nanoTime()).as("waiting for %d blocked clients", n).isLessThan(deadline);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Sends a command without reading its reply. */
    private static void send(RespConnection c, String... args) {
        c.send(args);
    }

    private static String read(RespConnection c) {
        return new String(c.readRaw(), StandardCharsets.ISO_8859_1);
    }

    /** Opens {@code n} connections and blocks each with {@code command}, in order. */
    private static List<RespConnection> blockInOrder(FamilyTarget t, RespConnection control, int n, String... command) {
        List<RespConnection> waiters = new ArrayList<>();
        long before = blockedClients(control);
        for (int i = 0; i < n; i++) {
            RespConnection w = t.connect();
            send(w, command);
            awaitBlocked(control, before + i + 1);
            waiters.add(w);
        }
        return waiters;
    }

    private static void closeAll(List<RespConnection> connections) {
        connections.forEach(RespConnection::close);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void waitersAreServedInTheOrderTheyBlocked(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            List<RespConnection> waiters = blockInOrder(t, c, 3, "BLPOP", "q", "0");
            expect(c, ONE, "RPUSH", "q", "a");
            assertThat(read(waiters.get(0))).isEqualTo(array(bulk("q"), bulk("a")));
            awaitBlocked(c, 2);
            // One push of several elements serves several waiters, oldest first, in element order.
            expect(c, integer(3), "RPUSH", "q", "b", "c", "d");
            assertThat(read(waiters.get(1))).isEqualTo(array(bulk("q"), bulk("b")));
            assertThat(read(waiters.get(2))).isEqualTo(array(bulk("q"), bulk("c")));
            expect(c, bulks("d"), "LRANGE", "q", "0", "-1");
            awaitBlocked(c, 0);
            closeAll(waiters);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void differentBlockingCommandsShareOneLine(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            RespConnection first = t.connect();
            send(first, "BRPOP", "q", "0");
            awaitBlocked(c, 1);
            RespConnection second = t.connect();
            send(second, "BLMOVE", "q", "moved", "LEFT", "RIGHT", "0");
            awaitBlocked(c, 2);
            RespConnection third = t.connect();
            send(third, "BLMPOP", "0", "1", "q", "LEFT", "COUNT", "5");
            awaitBlocked(c, 3);
            expect(c, integer(5), "RPUSH", "q", "1", "2", "3", "4", "5");
            assertThat(read(first)).isEqualTo(array(bulk("q"), bulk("5")));
            assertThat(read(second)).isEqualTo(bulk("1"));
            assertThat(read(third)).isEqualTo(array(bulk("q"), bulks("2", "3", "4")));
            expect(c, ZERO, "EXISTS", "q");
            expect(c, bulks("1"), "LRANGE", "moved", "0", "-1");
            closeAll(List.of(first, second, third));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aWaiterOnSeveralKeysIsServedByTheFirstThatGetsAnElement(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            RespConnection x = t.connect();
            send(x, "BRPOP", "k1", "k2", "k3", "0");
            awaitBlocked(c, 1);
            RespConnection y = t.connect();
            send(y, "BLPOP", "k2", "0");
            awaitBlocked(c, 2);
            expect(c, ONE, "LPUSH", "k3", "v3");
            assertThat(read(x)).isEqualTo(array(bulk("k3"), bulk("v3")));
            awaitBlocked(c, 1);
            // Served from k3, x left the line of k2 too: the next k2 element goes to y.
            expect(c, ONE, "LPUSH", "k2", "v2");
            assertThat(read(y)).isEqualTo(array(bulk("k2"), bulk("v2")));
            // Several keys filled by one transaction: the key that became ready first serves.
            send(x, "BLPOP", "k1", "k2", "0");
            awaitBlocked(c, 1);
            expect(c, OK, "MULTI");
            expect(c, status("QUEUED"), "RPUSH", "k2", "second key");
            expect(c, status("QUEUED"), "RPUSH", "k1", "first key");
            expect(c, array(ONE, ONE), "EXEC");
            assertThat(read(x)).isEqualTo(array(bulk("k2"), bulk("second key")));
            expect(c, bulks("first key"), "LRANGE", "k1", "0", "-1");
            closeAll(List.of(x, y));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void blmoveChainsMoveAJobThroughEveryList(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            RespConnection a = t.connect();
            send(a, "BLMOVE", "inbox", "stage1", "LEFT", "RIGHT", "0");
            awaitBlocked(c, 1);
            RespConnection b = t.connect();
            send(b, "BRPOPLPUSH", "stage1", "stage2", "0");
            awaitBlocked(c, 2);
            RespConnection d = t.connect();
            send(d, "BLMOVE", "stage2", "done", "RIGHT", "LEFT", "0");
            awaitBlocked(c, 3);
            RespConnection e = t.connect();
            send(e, "BLPOP", "done", "0");
            awaitBlocked(c, 4);
            expect(c, ONE, "RPUSH", "inbox", "job");
            assertThat(read(a)).isEqualTo(bulk("job"));
            assertThat(read(b)).isEqualTo(bulk("job"));
            assertThat(read(d)).isEqualTo(bulk("job"));
            assertThat(read(e)).isEqualTo(array(bulk("done"), bulk("job")));
            expect(c, ZERO, "EXISTS", "inbox", "stage1", "stage2", "done");
            awaitBlocked(c, 0);
            // A waiter moving a list into itself: the element stays, the waiter is served.
            send(a, "BLMOVE", "ring", "ring", "LEFT", "RIGHT", "0");
            awaitBlocked(c, 1);
            expect(c, ONE, "RPUSH", "ring", "only");
            assertThat(read(a)).isEqualTo(bulk("only"));
            expect(c, bulks("only"), "LRANGE", "ring", "0", "-1");
            closeAll(List.of(a, b, d, e));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void waitersAreServedAfterTheTransactionNotDuringIt(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            RespConnection w = t.connect();
            send(w, "BLPOP", "q", "0");
            awaitBlocked(c, 1);
            // The transaction pushes and pops again: once it ends there is nothing left to serve.
            expect(c, OK, "MULTI");
            expect(c, status("QUEUED"), "RPUSH", "q", "a", "b");
            expect(c, status("QUEUED"), "LPOP", "q", "2");
            expect(c, status("QUEUED"), "RPUSH", "q", "c");
            expect(c, array(integer(2), bulks("a", "b"), ONE), "EXEC");
            assertThat(read(w)).isEqualTo(array(bulk("q"), bulk("c")));
            send(w, "BLPOP", "q", "0");
            awaitBlocked(c, 1);
            expect(c, OK, "MULTI");
            expect(c, status("QUEUED"), "RPUSH", "q", "x");
            expect(c, status("QUEUED"), "DEL", "q");
            expect(c, array(ONE, ONE), "EXEC");
            awaitBlocked(c, 1);
            expect(c, ONE, "RPUSH", "q", "y");
            assertThat(read(w)).isEqualTo(array(bulk("q"), bulk("y")));
            w.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aKeyOfAnotherTypeKeepsTheWaiterWaiting(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            RespConnection w = t.connect();
            send(w, "BLPOP", "k", "0");
            awaitBlocked(c, 1);
            expect(c, OK, "SET", "k", "a string");
            expect(c, ONE, "DEL", "k");
            awaitBlocked(c, 1);
            expect(c, ONE, "RPUSH", "k", "list again");
            assertThat(read(w)).isEqualTo(array(bulk("k"), bulk("list again")));
            // A BLMOVE whose destination turned out to be of another type gets WRONGTYPE when
            // woken, and the element stays where it was.
            send(w, "BLMOVE", "src", "dst", "LEFT", "LEFT", "0");
            awaitBlocked(c, 1);
            expect(c, OK, "SET", "dst", "x");
            expect(c, ONE, "RPUSH", "src", "e");
            assertThat(read(w)).isEqualTo(ListCommandsTest.WRONGTYPE);
            expect(c, bulks("e"), "LRANGE", "src", "0", "-1");
            w.close();
        }
    }

    /**
     * Redis rounds a timeout's milliseconds up: any positive timeout, however small, expires
     * (after a millisecond at least), while one between -1 ms and 0 is 0, which waits forever.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void subMillisecondTimeoutsExpireAndTinyNegativeOnesWaitForever(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            for (String tiny : List.of("0.001", "0.0009", "0.0001", "1e-9", "1e-400", "0x1p-30")) {
                expect(c, NIL_ARRAY, "BLPOP", "a", tiny);
            }
            expect(c, NIL_ARRAY, "BRPOP", "a", "b", "0.0005");
            expect(c, NIL_ARRAY, "BLMOVE", "a", "b", "LEFT", "RIGHT", "0.0005");
            expect(c, NIL_ARRAY, "BRPOPLPUSH", "a", "b", "1e-7");
            expect(c, NIL_ARRAY, "BLMPOP", "0.0001", "1", "a", "LEFT");
            expect(c, NIL_ARRAY, "BZPOPMIN", "z", "0.0001");
            expect(c, NIL_ARRAY, "BZPOPMAX", "z", "1e-9");
            expect(c, NIL_ARRAY, "BZMPOP", "0.0005", "1", "z", "MIN");
            expect(c, error("ERR timeout is negative"), "BLPOP", "a", "-0.0011");
            for (List<String> command : List.of(List.of("BLPOP", "q", "-0.0009"), List.of("BLPOP", "q", "-0"),
                    List.of("BZPOPMIN", "zq", "-0.0001"))) {
                try (RespConnection waiter = t.connect()) {
                    send(waiter, command.toArray(String[]::new));
                    awaitBlocked(c, 1);
                    if (command.get(0).equals("BLPOP")) {
                        expect(c, ONE, "RPUSH", "q", "job");
                        assertThat(read(waiter)).isEqualTo(array(bulk("q"), bulk("job")));
                    } else {
                        expect(c, ONE, "ZADD", "zq", "1", "m");
                        assertThat(read(waiter)).isEqualTo(bulks("zq", "m", "1"));
                    }
                    awaitBlocked(c, 0);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void timeoutsReplyNilArraysInResp2AndNullsInResp3(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            for (List<String> command : List.of(List.of("BLPOP", "a", "b", "0.05"), List.of("BRPOP", "a", "0.05"),
                    List.of("BLMOVE", "a", "b", "LEFT", "RIGHT", "0.05"), List.of("BRPOPLPUSH", "a", "b", "0.05"),
                    List.of("BLMPOP", "0.05", "2", "a", "b", "RIGHT", "COUNT", "3"))) {
                expect(c, NIL_ARRAY, command.toArray(String[]::new));
            }
            assertThat(call(c, "HELLO", "3")).startsWith("%");
            for (List<String> command : List.of(List.of("BLPOP", "a", "b", "0.05"), List.of("BRPOP", "a", "0.05"),
                    List.of("BLMOVE", "a", "b", "LEFT", "RIGHT", "0.05"), List.of("BRPOPLPUSH", "a", "b", "0.05"),
                    List.of("BLMPOP", "0.05", "2", "a", "b", "RIGHT", "COUNT", "3"))) {
                expect(c, NIL3, command.toArray(String[]::new));
            }
            expect(c, ZERO, "EXISTS", "a", "b");
            awaitBlocked(c, 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void clientUnblockEndsAWaitAsATimeoutOrWithAnError(FamilyTarget t) {
        try (RespConnection c = t.fresh(); RespConnection w = t.connect()) {
            String id = call(w, "CLIENT", "ID").substring(1).trim();
            expect(c, ZERO, "CLIENT", "UNBLOCK", id);
            send(w, "BLPOP", "q", "0");
            awaitBlocked(c, 1);
            expect(c, ONE, "CLIENT", "UNBLOCK", id);
            assertThat(read(w)).isEqualTo(NIL_ARRAY);
            awaitBlocked(c, 0);
            send(w, "BLMOVE", "q", "d", "LEFT", "LEFT", "0");
            awaitBlocked(c, 1);
            expect(c, ONE, "CLIENT", "UNBLOCK", id, "TIMEOUT");
            assertThat(read(w)).isEqualTo(NIL_ARRAY);
            send(w, "BRPOP", "q", "0");
            awaitBlocked(c, 1);
            expect(c, error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR"), "CLIENT", "UNBLOCK", id, "LATER");
            expect(c, ONE, "CLIENT", "UNBLOCK", id, "error");
            assertThat(read(w)).isEqualTo(error("UNBLOCKED client unblocked via CLIENT UNBLOCK"));
            expect(c, ZERO, "CLIENT", "UNBLOCK", id, "ERROR");
            // Nothing was popped, and the client works normally afterwards.
            expect(c, ONE, "RPUSH", "q", "x");
            expect(w, bulks("x"), "LRANGE", "q", "0", "-1");
            assertThat(call(w, "HELLO", "3")).startsWith("%");
            send(w, "BLMPOP", "0", "1", "empty", "LEFT");
            awaitBlocked(c, 1);
            expect(c, ONE, "CLIENT", "UNBLOCK", id);
            assertThat(read(w)).isEqualTo(NIL3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aWaiterThatDisconnectsIsForgotten(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            RespConnection gone = t.connect();
            send(gone, "BLPOP", "q", "0");
            awaitBlocked(c, 1);
            RespConnection stays = t.connect();
            send(stays, "BLPOP", "q", "0");
            awaitBlocked(c, 2);
            gone.close();
            awaitBlocked(c, 1);
            expect(c, integer(2), "RPUSH", "q", "a", "b");
            assertThat(read(stays)).isEqualTo(array(bulk("q"), bulk("a")));
            expect(c, bulks("b"), "LRANGE", "q", "0", "-1");
            stays.close();
            awaitBlocked(c, 0);
            expect(c, bulks("b"), "LRANGE", "q", "0", "-1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void commandsPipelinedBehindABlockedOneWait(FamilyTarget t) {
        try (RespConnection c = t.fresh(); RespConnection w = t.connect()) {
            w.sendRaw("*3\r\n$5\r\nBLPOP\r\n$1\r\nq\r\n$1\r\n0\r\n*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nLLEN\r\n$1\r\nq\r\n");
            awaitBlocked(c, 1);
            expect(c, integer(2), "RPUSH", "q", "a", "b");
            assertThat(read(w)).isEqualTo(array(bulk("q"), bulk("a")));
            assertThat(read(w)).isEqualTo(status("PONG"));
            assertThat(read(w)).isEqualTo(ONE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void blockedClientsAreCountedAndListed(FamilyTarget t) {
        try (RespConnection c = t.fresh()) {
            expect(c, NIL, "LPOP", "q");
            List<RespConnection> waiters = blockInOrder(t, c, 2, "BRPOPLPUSH", "q", "d", "0");
            assertThat(blockedClients(c)).isEqualTo(2);
            String list = call(c, "CLIENT", "LIST");
            assertThat(list.split("\n")).filteredOn(line -> line.contains("cmd=brpoplpush")).hasSize(2)
                    .allMatch(line -> line.contains(" flags=b "));
            expect(c, ONE, "RPUSH", "q", "x");
            assertThat(read(waiters.get(0))).isEqualTo(bulk("x"));
            awaitBlocked(c, 1);
            closeAll(waiters);
            awaitBlocked(c, 0);
        }
    }
}
