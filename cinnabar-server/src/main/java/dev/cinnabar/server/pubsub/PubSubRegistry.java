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
        return publish(channel, 0, channel.length, message, 0, message.length);
    }

    /** {@link #publish(byte[], byte[])} with the channel and message as slices (no copies). */
    public long publish(byte[] channel, int channelOffset, int channelLength,
                        byte[] message, int messageOffset, int messageLength) {
        long receivers = 0;
        LinkedHashSet<Client> subscribers = channels.get(ByteBuffer.wrap(channel, channelOffset, channelLength));
        if (subscribers != null) {
            int length = frame(MESSAGE, null, channel, channelOffset, channelLength, message, messageOffset, messageLength);
            receivers += deliver(subscribers, length);
        }
        if (!patterns.isEmpty()) {
            for (Map.Entry<ByteBuffer, LinkedHashSet<Client>> entry : patterns.entrySet()) {
                byte[] pattern = entry.getKey().array();
                if (GlobMatcher.matches(pattern, 0, pattern.length, channel, channelOffset, channelLength, false)) {
                    int length = frame(PATTERN_MESSAGE, pattern, channel, channelOffset, channelLength,
                            message, messageOffset, messageLength);
                    receivers += deliver(entry.getValue(), length);
                }
            }
        }
        return receivers;
    }

    /** SPUBLISH: delivers to the shard channel's subscribers (no patterns for shard channels). */
    public long publishToShard(byte[] channel, int channelOffset, int channelLength,
                               byte[] message, int messageOffset, int messageLength) {
        LinkedHashSet<Client> subscribers = shardChannels.get(ByteBuffer.wrap(channel, channelOffset, channelLength));
        if (subscribers == null) {
            return 0;
        }
        int length = frame(SHARD_MESSAGE, null, channel, channelOffset, channelLength, message, messageOffset, messageLength);
        return deliver(subscribers, length);
    }

    /** Whether anyone could hear a publish to this channel (lets notifications skip the work). */
    public boolean hasListeners() {
        return !channels.isEmpty() || !patterns.isEmpty();
    }

    private long deliver(LinkedHashSet<Client> subscribers, int length) {
        byte[] frame = scratch;
        long delivered = 0;
        // A subscriber over its output limit is closed asynchronously, so the set does not change
        // while it is walked.
        for (Client c : subscribers) {
            if (c.isClosed() || c.closeAsap()) {
                continue;
            }
            if (c.reply().isResp3()) {
                c.reply().pushHeader(frame[1] - '0');
                c.reply().raw(frame, 4, length - 4);
            } else {
                c.reply().raw(frame, 0, length);
            }
            c.requestFlush();
            observer.delivered(c);
            delivered++;
        }
        return delivered;
    }

    /**
     * Encodes a message into {@link #scratch} (reused: each message is copied into the
     * subscribers' outputs before the next one is encoded) and returns its length. The form is
     * RESP2's, {@code *3} (or {@code *4} with a pattern) and bulk strings; RESP3 subscribers get
     * the same bytes after a push header in place of the 4-byte array header.
     */
    private int frame(byte[] kind, byte[] pattern, byte[] channel, int channelOffset, int channelLength,
                      byte[] message, int messageOffset, int messageLength) {
        int size = 4 + bulkSize(kind.length) + bulkSize(channelLength) + bulkSize(messageLength)
                + (pattern == null ? 0 : bulkSize(pattern.length));
        if (scratch.length < size) {
            scratch = new byte[Math.max(size, scratch.length * 2)];
        }
        byte[] out = scratch;
        out[0] = '*';
        out[1] = (byte) (pattern == null ? '3' : '4');
        out[2] = '\r';
        out[3] = '\n';
        int at = putBulk(out, 4, kind, 0, kind.length);
        if (pattern != null) {
            at = putBulk(out, at, pattern, 0, pattern.length);
        }
        at = putBulk(out, at, channel, channelOffset, channelLength);
        return putBulk(out, at, message, messageOffset, messageLength);
    }

    /** Reused message encoding space; grows to the largest message seen. */
    private byte[] scratch = new byte[256];

    private static int bulkSize(int length) {
        return 1 + digits(length) + 2 + length + 2;
    }

    private static int digits(int n) {
        int d = 1;
        while (n >= 10) {
            n /= 10;
            d++;
        }
        return d;
    }

    private static int putBulk(byte[] out, int at, byte[] value, int offset, int length) {
        out[at++] = '$';
        int d = digits(length);
        for (int i = at + d - 1, n = length; i >= at; i--, n /= 10) {
            out[i] = (byte) ('0' + n % 10);
        }
        at += d;
        out[at++] = '\r';
        out[at++] = '\n';
        System.arraycopy(value, offset, out, at, length);
        at += length;
        out[at++] = '\r';
        out[at++] = '\n';
        return at;
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
