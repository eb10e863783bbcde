package dev.cinnabar.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.resp.client.RespValue;
import dev.cinnabar.server.testing.RedisOracle;
import dev.cinnabar.server.testing.RespConnection;
import dev.cinnabar.server.testing.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * For every command and subcommand Cinnabar implements, the facts of COMMAND INFO (arity, flags,
 * key positions, ACL categories, tips, key specs) equal what the real redis-server reports.
 * Commands newer than the reference Redis 7.0, and commands whose facts changed since, are compared
 * with the facts of the Redis version that introduced or changed them, written out below.
 */
class CommandTableFactsTest {
    /** Redis 7.2 subcommands: COMMAND INFO as Redis 7.2 prints it (the reference 7.0 lacks them). */
    private static final Map<String, String> NEWER_THAN_REFERENCE = Map.ofEntries(
            Map.entry("client|setinfo", "*[\"client|setinfo\", :4, *[+noscript, +loading, +stale], :0, :0, :0, *[+@slow, +@connection], *[], *[], *[]]"),
            Map.entry("client|no-touch", "*[\"client|no-touch\", :3, *[+noscript, +loading, +stale], :0, :0, :0, *[+@slow, +@connection], *[], *[], *[]]"),
            // Redis 7.4's hash field expiry, from the redis.io command pages.
            hashField("hexpire", -6, "+write, +denyoom, +fast", "+@write, +@hash, +@fast", "+RW, +update"),
            hashField("hpexpire", -6, "+write, +denyoom, +fast", "+@write, +@hash, +@fast", "+RW, +update"),
            hashField("hexpireat", -6, "+write, +denyoom, +fast", "+@write, +@hash, +@fast", "+RW, +update"),
            hashField("hpexpireat", -6, "+write, +denyoom, +fast", "+@write, +@hash, +@fast", "+RW, +update"),
            hashField("httl", -5, "+readonly, +fast", "+@read, +@hash, +@fast", "+RO, +access"),
            hashField("hpttl", -5, "+readonly, +fast", "+@read, +@hash, +@fast", "+RO, +access"),
            hashField("hexpiretime", -5, "+readonly, +fast", "+@read, +@hash, +@fast", "+RO, +access"),
            hashField("hpexpiretime", -5, "+readonly, +fast", "+@read, +@hash, +@fast", "+RO, +access"),
            hashField("hpersist", -5, "+write, +fast", "+@write, +@hash, +@fast", "+RW, +update"));

    /** COMMAND INFO of a 7.4 hash field command: one key at argument 1, no tips. */
    private static Map.Entry<String, String> hashField(String name, int arity, String flags, String acl, String keyFlags) {
        return Map.entry(name, "*[\"" + name + "\", :" + arity + ", *[" + flags + "], :1, :1, :1, *[" + acl + "], *[], "
                + "*[*[\"flags\", *[" + keyFlags + "], \"begin_search\", *[\"type\", \"index\", \"spec\", *[\"index\", :1]], "
                + "\"find_keys\", *[\"type\", \"range\", \"spec\", *[\"lastkey\", :0, \"keystep\", :1, \"limit\", :0]]]], *[]]");
    }

    /**
     * Commands whose facts changed after the reference Redis 7.0, as the newer Redis prints them:
     * 7.2 added ZRANK/ZREVRANK's optional WITHSCORE, so their arity became -3.
     */
    private static final Map<String, String> CHANGED_SINCE_REFERENCE = Map.of(
            "zrank", "*[\"zrank\", :-3, *[+readonly, +fast], :1, :1, :1, *[+@read, +@sortedset, +@fast], *[], *[*[\"flags\", *[+RO, +access], \"begin_search\", *[\"type\", \"index\", \"spec\", *[\"index\", :1]], \"find_keys\", *[\"type\", \"range\", \"spec\", *[\"lastkey\", :0, \"keystep\", :1, \"limit\", :0]]]], *[]]",
            "zrevrank", "*[\"zrevrank\", :-3, *[+readonly, +fast], :1, :1, :1, *[+@read, +@sortedset, +@fast], *[], *[*[\"flags\", *[+RO, +access], \"begin_search\", *[\"type\", \"index\", \"spec\", *[\"index\", :1]], \"find_keys\", *[\"type\", \"range\", \"spec\", *[\"lastkey\", :0, \"keystep\", :1, \"limit\", :0]]]], *[]]");

    /** COMMAND INFO of every command and subcommand, by full name, without the subcommand lists. */
    private static Map<String, String> facts(int port) {
        Map<String, String> out = new TreeMap<>();
        try (RespConnection c = new RespConnection(port)) {
            RespValue all = c.call("COMMAND");
            for (RespValue entry : ((RespValue.Aggregate) all).elements()) {
                collect((RespValue.Aggregate) entry, out);
            }
        }
        return out;
    }

    private static void collect(RespValue.Aggregate info, Map<String, String> out) {
        List<RespValue> fields = new ArrayList<>(info.elements());
        RespValue.Aggregate subcommands = (RespValue.Aggregate) fields.get(9);
        fields.set(9, new RespValue.Aggregate('*', List.of()));
        String name = ((RespValue.Bulk) fields.get(0)).text();
        // Key-spec "notes" are documentation, in our own words: compare the rest of each key spec.
        out.put(name, new RespValue.Aggregate('*', fields).describe().replaceAll("\"notes\", \"[^\"]*\", ", "\"notes\", ?, "));
        for (RespValue sub : subcommands.elements()) {
            collect((RespValue.Aggregate) sub, out);
        }
    }

    @Test
    void everyImplementedCommandHasRedisFacts() {
        Map<String, String> cinnabar = facts(TestServers.shared().port());
        Map<String, String> redis = facts(RedisOracle.shared().port());
        assertThat(cinnabar).isNotEmpty();
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, String> e : cinnabar.entrySet()) {
            String expected = CHANGED_SINCE_REFERENCE.containsKey(e.getKey()) ? CHANGED_SINCE_REFERENCE.get(e.getKey())
                    : redis.containsKey(e.getKey()) ? redis.get(e.getKey()) : NEWER_THAN_REFERENCE.get(e.getKey());
            if (expected == null) {
                differences.add(e.getKey() + ": unknown to Redis 7.0 and not listed as newer");
            } else if (!expected.equals(e.getValue())) {
                differences.add(e.getKey() + ":\n    cinnabar: " + e.getValue() + "\n    redis:    " + expected);
            }
        }
        assertThat(differences).as("commands whose COMMAND INFO facts differ from Redis").isEmpty();
    }

    @Test
    void specialFlagsThatCommandInfoDoesNotShow() {
        CommandTable table = TestServers.shared().server().commands();
        assertThat(table.get("debug").has(CommandFlag.PROTECTED)).isTrue();
        for (CommandSpec spec : table.allCommands()) {
            if (!spec.fullName().equals("debug")) {
                assertThat(spec.has(CommandFlag.PROTECTED)).as(spec.fullName()).isFalse();
            }
        }
        Set<String> containers = Set.of("client", "config", "command", "slowlog", "latency");
        for (String name : containers) {
            assertThat(table.get(name).isContainer()).as(name).isTrue();
        }
    }
}
