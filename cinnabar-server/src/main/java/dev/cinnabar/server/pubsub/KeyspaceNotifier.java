package dev.cinnabar.server.pubsub;

import dev.cinnabar.engine.KeyEventClass;
import dev.cinnabar.engine.KeyspaceListener;
import dev.cinnabar.server.config.NotifyKeyspaceEvents;
import dev.cinnabar.server.config.ServerConfig;
import java.nio.charset.StandardCharsets;

/**
 * Keyspace notifications: turns the keyspace's events into pub/sub messages, as configured by
 * {@code notify-keyspace-events}. For an event of an enabled class it publishes the event name to
 * {@code __keyspace@<db>__:<key>} (flag K), then the key to {@code __keyevent@<db>__:<event>}
 * (flag E).
 */
public final class KeyspaceNotifier implements KeyspaceListener {
    private static final byte[] KEYSPACE_PREFIX = "__keyspace@".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEYEVENT_PREFIX = "__keyevent@".getBytes(StandardCharsets.US_ASCII);

    private final ServerConfig config;
    private final PubSubRegistry pubsub;

    public KeyspaceNotifier(ServerConfig config, PubSubRegistry pubsub) {
        this.config = config;
        this.pubsub = pubsub;
    }

    @Override
    public boolean wantsEvent(KeyEventClass type) {
        return (config.notifyKeyspaceEvents & NotifyKeyspaceEvents.classBit(type)) != 0 && pubsub.hasListeners();
    }

    @Override
    public void keyEvent(KeyEventClass type, String event, int db, byte[] key) {
        int flags = config.notifyKeyspaceEvents;
        byte[] eventName = event.getBytes(StandardCharsets.US_ASCII);
        if ((flags & NotifyKeyspaceEvents.KEYSPACE) != 0) {
            pubsub.publish(channel(KEYSPACE_PREFIX, db, key), eventName);
        }
        if ((flags & NotifyKeyspaceEvents.KEYEVENT) != 0) {
            pubsub.publish(channel(KEYEVENT_PREFIX, db, eventName), key);
        }
    }

    private static byte[] channel(byte[] prefix, int db, byte[] suffix) {
        byte[] number = Integer.toString(db).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + number.length + 3 + suffix.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(number, 0, out, prefix.length, number.length);
        int at = prefix.length + number.length;
        out[at] = '_';
        out[at + 1] = '_';
        out[at + 2] = ':';
        System.arraycopy(suffix, 0, out, at + 3, suffix.length);
        return out;
    }
}
