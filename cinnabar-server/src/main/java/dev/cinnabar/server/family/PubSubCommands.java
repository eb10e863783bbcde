package dev.cinnabar.server.family;

import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.resp.ReplyWriter;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;
import dev.cinnabar.server.pubsub.PubSubRegistry;
import dev.cinnabar.server.pubsub.PubSubRegistry.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, SSUBSCRIBE, SUNSUBSCRIBE, PUBLISH, SPUBLISH
 * and PUBSUB. Each (un)subscription is confirmed by its own message (an array in RESP2, a push in
 * RESP3) carrying the count of subscriptions left: channels plus patterns for the classic kinds,
 * shard channels alone for the sharded kind, as Redis 7.0 counts them.
 */
final class PubSubCommands extends CommandFamily {
    private static final List<String> HELP = List.of(
            "CHANNELS [<pattern>]",
            "    List the channels that have at least one subscriber, those matching <pattern> if given.",
            "NUMPAT",
            "    Count the distinct patterns that clients are subscribed to.",
            "NUMSUB [<channel> ...]",
            "    For each channel, count its subscribers (clients subscribed through a pattern are",
            "    not counted).",
            "SHARDCHANNELS [<pattern>]",
            "    List the shard channels that have at least one subscriber, those matching <pattern> if given.",
            "SHARDNUMSUB [<shardchannel> ...]",
            "    For each shard channel, count its subscribers.");

    private static final byte[] SUBSCRIBE = ascii("subscribe");
    private static final byte[] UNSUBSCRIBE = ascii("unsubscribe");
    private static final byte[] PSUBSCRIBE = ascii("psubscribe");
    private static final byte[] PUNSUBSCRIBE = ascii("punsubscribe");
    private static final byte[] SSUBSCRIBE = ascii("ssubscribe");
    private static final byte[] SUNSUBSCRIBE = ascii("sunsubscribe");

    PubSubCommands(Server server) {
        super(server);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    void bindAll() {
        bind("subscribe", (c, a) -> subscribe(c, a, Kind.CHANNEL, SUBSCRIBE));
        bind("psubscribe", (c, a) -> subscribe(c, a, Kind.PATTERN, PSUBSCRIBE));
        bind("ssubscribe", (c, a) -> subscribe(c, a, Kind.SHARD_CHANNEL, SSUBSCRIBE));
        bind("unsubscribe", (c, a) -> unsubscribe(c, a, Kind.CHANNEL, UNSUBSCRIBE));
        bind("punsubscribe", (c, a) -> unsubscribe(c, a, Kind.PATTERN, PUNSUBSCRIBE));
        bind("sunsubscribe", (c, a) -> unsubscribe(c, a, Kind.SHARD_CHANNEL, SUNSUBSCRIBE));
        bind("publish", (c, a) -> c.reply().integer(server.pubsub().publish(
                a.arrayOf(1), a.offsetOf(1), a.length(1), a.arrayOf(2), a.offsetOf(2), a.length(2))));
        bind("spublish", (c, a) -> c.reply().integer(server.pubsub().publishToShard(
                a.arrayOf(1), a.offsetOf(1), a.length(1), a.arrayOf(2), a.offsetOf(2), a.length(2))));
        bind("pubsub|channels", (c, a) -> channels(c, a, Kind.CHANNEL));
        bind("pubsub|shardchannels", (c, a) -> channels(c, a, Kind.SHARD_CHANNEL));
        bind("pubsub|numsub", (c, a) -> numsub(c, a, Kind.CHANNEL));
        bind("pubsub|shardnumsub", (c, a) -> numsub(c, a, Kind.SHARD_CHANNEL));
        bind("pubsub|numpat", (c, a) -> c.reply().integer(server.pubsub().size(Kind.PATTERN)));
        bind("pubsub|help", (c, a) -> help(c, "PUBSUB", HELP));
    }

    private void subscribe(Client c, CommandArguments a, Kind kind, byte[] confirmation) {
        if (c.executingTransaction()) {
            // Redis refuses SSUBSCRIBE to a client that expects one reply per command (inside
            // EXEC), but lets SUBSCRIBE and PSUBSCRIBE through there for backward compatibility.
            if (kind == Kind.SHARD_CHANNEL) {
                c.reply().error("ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client");
                return;
            }
        }
        PubSubRegistry registry = server.pubsub();
        for (int i = 1; i < a.count(); i++) {
            byte[] name = a.copy(i);
            registry.subscribe(c, kind, name);
            confirm(c, confirmation, name, count(c, kind));
        }
    }

    private void unsubscribe(Client c, CommandArguments a, Kind kind, byte[] confirmation) {
        PubSubRegistry registry = server.pubsub();
        if (a.count() == 1) {
            int before = c.isSubscribed() ? ownCount(c, kind) : 0;
            if (before == 0) {
                confirm(c, confirmation, null, count(c, kind));
                return;
            }
            registry.unsubscribeAll(c, kind, name -> confirm(c, confirmation, name, count(c, kind)));
            return;
        }
        for (int i = 1; i < a.count(); i++) {
            byte[] name = a.copy(i);
            registry.unsubscribe(c, kind, name);
            confirm(c, confirmation, name, count(c, kind));
        }
    }

    private static int ownCount(Client c, Kind kind) {
        return switch (kind) {
            case CHANNEL -> c.subscriptions().channels().size();
            case PATTERN -> c.subscriptions().patterns().size();
            case SHARD_CHANNEL -> c.subscriptions().shardChannels().size();
        };
    }

    /** The count a confirmation carries. */
    private static int count(Client c, Kind kind) {
        if (!c.isSubscribed()) {
            return 0;
        }
        return kind == Kind.SHARD_CHANNEL ? c.subscriptions().shardChannels().size()
                : c.subscriptions().channelsAndPatterns();
    }

    private static void confirm(Client c, byte[] confirmation, byte[] name, int count) {
        ReplyWriter r = c.reply();
        if (r.isResp3()) {
            r.pushHeader(3);
        } else {
            r.arrayHeader(3);
        }
        r.bulk(confirmation);
        if (name == null) {
            r.nullBulk();
        } else {
            r.bulk(name);
        }
        r.integer(count);
    }

    private void channels(Client c, CommandArguments a, Kind kind) {
        if (a.count() > 3) {
            subcommandSyntaxError(c, a, "PUBSUB");
            return;
        }
        List<byte[]> names = server.pubsub().active(kind, a.count() == 3 ? a.copy(2) : null);
        c.reply().arrayHeader(names.size());
        for (byte[] name : names) {
            c.reply().bulk(name);
        }
    }

    private void numsub(Client c, CommandArguments a, Kind kind) {
        // A flat array of channel, count pairs, in RESP3 too (Redis 7.0 sends no map here).
        c.reply().arrayHeader(2L * (a.count() - 2));
        for (int i = 2; i < a.count(); i++) {
            byte[] name = a.copy(i);
            c.reply().bulk(name);
            c.reply().integer(server.pubsub().subscriberCount(kind, name));
        }
    }
}
