package dev.cinnabar.server.pubsub;

import dev.cinnabar.engine.GlobMatcher;
import dev.cinnabar.server.client.Client;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Who listens to what: channel, pattern and shard-channel subscribers, and the delivery of
 * published messages.
 *
 * <p>Subscribers of one channel hear a message in the order they subscribed; then every pattern
 * that matches the channel delivers a {@code pmessage} (a client subscribed to both the channel
 * and a matching pattern receives both, as in Redis). A message is encoded once per publish and
 * copied into each subscriber's output; after each copy the subscriber's output limit
 * ({@code client-output-buffer-limit pubsub}) is checked, so a subscriber that does not read is
 * disconnected instead of holding the server's memory.
 */
public final class PubSubRegistry {
    /** What the registry needs from the server: the output-limit check after a delivery. */
    public interface DeliveryObserver {
        void delivered(Client subscriber);
    }

    private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PATTERN_MESSAGE = "pmessage".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHARD_MESSAGE = "smessage".getBytes(StandardCharsets.US_ASCII);

    private final Map<ByteBuffer, LinkedHashSet<Client>> channels = new LinkedHashMap<>();
    private final Map<ByteBuffer, LinkedHashSet<Client>> patterns = new LinkedHashMap<>();
    private final Map<ByteBuffer, LinkedHashSet<Client>> shardChannels = new LinkedHashMap<>();
    private final DeliveryObserver observer;

    public PubSubRegistry(DeliveryObserver observer) {
        this.observer = observer;
    }

    /** The three kinds of subscription, each with its own name space. */
    public enum Kind {
        CHANNEL, PATTERN, SHARD_CHANNEL
    }

    private Map<ByteBuffer, LinkedHashSet<Client>> index(Kind kind) {
        return switch (kind) {
            case CHANNEL -> channels;
            case PATTERN -> patterns;
            case SHARD_CHANNEL -> shardChannels;
        };
    }

    private static LinkedHashSet<ByteBuffer> own(Client client, Kind kind) {
        return switch (kind) {
            case CHANNEL -> client.subscriptions().channels();
            case PATTERN -> client.subscriptions().patterns();
            case SHARD_CHANNEL -> client.subscriptions().shardChannels();
        };
    }

    /** Subscribes a client; false when it was already subscribed to that name. */
    public boolean subscribe(Client client, Kind kind, byte[] name) {
        ByteBuffer key = ByteBuffer.wrap(name);
        if (!own(client, kind).add(key)) {
            return false;
        }
        index(kind).computeIfAbsent(key, k -> new LinkedHashSet<>()).add(client);
        return true;
    }

    /** Unsubscribes a client; false when it was not subscribed to that name. */
    public boolean unsubscribe(Client client, Kind kind, byte[] name) {
        ByteBuffer key = ByteBuffer.wrap(name);
        if (!own(client, kind).remove(key)) {
            return false;
        }
        Map<ByteBuffer, LinkedHashSet<Client>> index = index(kind);
        LinkedHashSet<Client> subscribers = index.get(key);
        if (subscribers != null) {
            subscribers.remove(client);
            if (subscribers.isEmpty()) {
                index.remove(key);
            }
        }
        return true;
    }

    /**
     * Unsubscribes a client from every name of one kind, in its subscription order, telling
     * {@code each} the name after it is removed (the UNSUBSCRIBE reply counts what is left).
     */
    public void unsubscribeAll(Client client, Kind kind, Consumer<byte[]> each) {
        if (!client.isSubscribed()) {
            return;
        }
        List<ByteBuffer> names = new ArrayList<>(own(client, kind));
        for (ByteBuffer name : names) {
            unsubscribe(client, kind, name.array());
            each.accept(name.array());
        }
    }

    /** Drops every subscription of a client (disconnection, RESET), without replies. */
    public void forget(Client client) {
        for (Kind kind : Kind.values()) {
            unsubscribeAll(client, kind, name -> { });
        }
    }

    // ---- publishing ----

    /** PUBLISH: delivers to the channel's subscribers, then to every matching pattern's. */
    public long publish(byte[] channel, byte[] message) {
        long receivers = 0;
        LinkedHashSet<Client> subscribers = channels.get(ByteBuffer.wrap(channel));
        if (subscribers != null) {
            receivers += deliver(subscribers, frame(MESSAGE, null, channel, message));
        }
        if (!patterns.isEmpty()) {
            for (Map.Entry<ByteBuffer, LinkedHashSet<Client>> entry : patterns.entrySet()) {
                byte[] pattern = entry.getKey().array();
                if (GlobMatcher.matches(pattern, channel, false)) {
                    receivers += deliver(entry.getValue(), frame(PATTERN_MESSAGE, pattern, channel, message));
                }
            }
        }
        return receivers;
    }

    /** SPUBLISH: delivers to the shard channel's subscribers (no patterns for shard channels). */
    public long publishToShard(byte[] channel, byte[] message) {
        LinkedHashSet<Client> subscribers = shardChannels.get(ByteBuffer.wrap(channel));
        return subscribers == null ? 0 : deliver(subscribers, frame(SHARD_MESSAGE, null, channel, message));
    }

    /** Whether anyone could hear a publish to this channel (lets notifications skip the work). */
    public boolean hasListeners() {
        return !channels.isEmpty() || !patterns.isEmpty();
    }

    private long deliver(LinkedHashSet<Client> subscribers, byte[] frame) {
        long delivered = 0;
        // A subscriber over its output limit is closed asynchronously, so the set does not change
        // while it is walked.
        for (Client c : subscribers) {
            if (c.isClosed() || c.closeAsap()) {
                continue;
            }
            if (c.reply().isResp3()) {
                c.reply().pushHeader(frame[1] - '0');
                c.reply().raw(frame, 4, frame.length - 4);
            } else {
                c.reply().raw(frame);
            }
            c.requestFlush();
            observer.delivered(c);
            delivered++;
        }
        return delivered;
    }

    /**
     * A message in RESP2 form, {@code *3} (or {@code *4} with a pattern) and bulk strings; RESP3
     * subscribers get the same bytes after a push header in place of the 4-byte array header.
     */
    static byte[] frame(byte[] kind, byte[] pattern, byte[] channel, byte[] message) {
        int size = 4 + bulkSize(kind) + bulkSize(channel) + bulkSize(message) + (pattern == null ? 0 : bulkSize(pattern));
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put((byte) '*').put((byte) (pattern == null ? '3' : '4')).put((byte) '\r').put((byte) '\n');
        putBulk(out, kind);
        if (pattern != null) {
            putBulk(out, pattern);
        }
        putBulk(out, channel);
        putBulk(out, message);
        return out.array();
    }

    private static int bulkSize(byte[] value) {
        return 1 + Integer.toString(value.length).length() + 2 + value.length + 2;
    }

    private static void putBulk(ByteBuffer out, byte[] value) {
        out.put((byte) '$').put(Integer.toString(value.length).getBytes(StandardCharsets.US_ASCII))
                .put((byte) '\r').put((byte) '\n').put(value).put((byte) '\r').put((byte) '\n');
    }

    // ---- introspection (PUBSUB, INFO) ----

    /** The names of one kind with at least one subscriber, matching {@code pattern} when given. */
    public List<byte[]> active(Kind kind, byte[] pattern) {
        List<byte[]> names = new ArrayList<>();
        for (ByteBuffer name : index(kind).keySet()) {
            if (pattern == null || GlobMatcher.matches(pattern, name.array(), false)) {
                names.add(name.array());
            }
        }
        return names;
    }

    /** Subscribers of one channel or shard channel. */
    public int subscriberCount(Kind kind, byte[] name) {
        LinkedHashSet<Client> subscribers = index(kind).get(ByteBuffer.wrap(name));
        return subscribers == null ? 0 : subscribers.size();
    }

    /** Distinct names of one kind with subscribers (INFO's pubsub_channels, pubsub_patterns...). */
    public int size(Kind kind) {
        return index(kind).size();
    }
}
