package dev.cinnabar.server.client;

import java.nio.ByteBuffer;
import java.util.LinkedHashSet;

/**
 * One client's pub/sub subscriptions, each kind in the order it subscribed (UNSUBSCRIBE with no
 * arguments replies in that order). Channel names are wrapped byte arrays, compared by content.
 */
public final class Subscriptions {
    private final LinkedHashSet<ByteBuffer> channels = new LinkedHashSet<>();
    private final LinkedHashSet<ByteBuffer> patterns = new LinkedHashSet<>();
    private final LinkedHashSet<ByteBuffer> shardChannels = new LinkedHashSet<>();

    public LinkedHashSet<ByteBuffer> channels() {
        return channels;
    }

    public LinkedHashSet<ByteBuffer> patterns() {
        return patterns;
    }

    public LinkedHashSet<ByteBuffer> shardChannels() {
        return shardChannels;
    }

    /** What SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE and PUNSUBSCRIBE report: channels plus patterns. */
    public int channelsAndPatterns() {
        return channels.size() + patterns.size();
    }

    /** Every subscription; the client is in subscribed mode while this is above zero. */
    public int total() {
        return channels.size() + patterns.size() + shardChannels.size();
    }
}
