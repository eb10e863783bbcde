package dev.cinnabar.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cinnabar.engine.value.HashValue;
import dev.cinnabar.engine.value.HashValue.Condition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hash field expiry in the keyspace: which keys a database lists for the field expire cycle (as
 * keys are added, renamed, moved, replaced, swapped and flushed), lazy reclaiming before a command
 * with its events, and the active cycle driven by {@link Keyspace#cron} with a controlled clock.
 */
class FieldExpiryTest {
    private static final long T0 = 1_700_000_000_000L;

    private Keyspace ks;
    private final List<String> events = new ArrayList<>();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @BeforeEach
    void setUp() {
        ks = new Keyspace(16);
        ks.setCommandTime(T0);
        ks.addListener(new KeyspaceListener() {
            @Override
            public void keyModified(int db, byte[] key) {
                events.add("modified " + db + " " + new String(key, StandardCharsets.ISO_8859_1));
            }

            @Override
            public boolean wantsEvent(KeyEventClass type) {
                return true;
            }

            @Override
            public void keyEvent(KeyEventClass type, String event, int db, byte[] key) {
                events.add(type + " " + event + " " + db + " " + new String(key, StandardCharsets.ISO_8859_1));
            }
        });
    }

    /** A hash with {@code persistent} plain fields and {@code volatiles} fields expiring at {@code at}. */
    private static HashValue hash(int persistent, int volatiles, long at) {
        HashValue h = new HashValue();
        for (int i = 0; i < persistent; i++) {
            h.set(b("p" + i), b("v"), 512, 64, false);
        }
        h.enableFieldTtls();
        for (int i = 0; i < volatiles; i++) {
            byte[] f = b("t" + i);
            h.set(f, b("v"), 512, 64, false);
            assertThat(h.setExpire(f, 0, f.length, at, Condition.ALWAYS, T0)).isEqualTo(HashValue.EXPIRE_SET);
        }
        return h;
    }

    @Test
    void keysWithExpiringFieldsAreListedWhileTheyExist() {
        Database d = ks.database(0);
        d.add(b("plain"), hash(3, 0, 0));
        assertThat(d.fieldExpiresSize()).isZero();
        KeyEntry e = d.add(b("h"), hash(1, 2, T0 + 1000));
        assertThat(d.fieldExpiresSize()).isEqualTo(1);
        d.trackFieldExpiry(e);
        assertThat(d.fieldExpiresSize()).as("listing twice is listing once").isEqualTo(1);
        // RENAME and MOVE add the value under the new name and remove the old one.
        d.add(b("h2"), e.value());
        d.remove(b("h"));
        assertThat(d.fieldExpiresSize()).isEqualTo(1);
        ks.database(3).add(b("h2"), d.find(b("h2")).value());
        d.remove(b("h2"));
        assertThat(d.fieldExpiresSize()).isZero();
        assertThat(ks.database(3).fieldExpiresSize()).isEqualTo(1);
        ks.swap(0, 3);
        assertThat(ks.database(0).fieldExpiresSize()).isEqualTo(1);
        assertThat(ks.database(3).fieldExpiresSize()).isZero();
        ks.flush(-1);
        assertThat(ks.database(0).fieldExpiresSize()).isZero();
    }

    @Test
    void lazyExpiryRemovesExpiredFieldsAndReportsThemOnce() {
        KeyEntry e = ks.database(0).add(b("h"), hash(2, 3, T0 + 10));
        assertThat(events).containsExactly("NEW new 0 h");
        events.clear();
        assertThat(ks.expireFields(0, e)).isTrue();
        assertThat(events).isEmpty();
        // At its expire time a field still lives; one millisecond later it is gone.
        ks.setCommandTime(T0 + 10);
        assertThat(ks.expireFields(0, e)).isTrue();
        assertThat(((HashValue) e.value()).size()).isEqualTo(5);
        ks.setCommandTime(T0 + 11);
        assertThat(ks.expireFields(0, e)).isTrue();
        assertThat(((HashValue) e.value()).size()).isEqualTo(2);
        assertThat(events).containsExactly("HASH hexpired 0 h", "modified 0 h");
        assertThat(ks.database(0).fieldExpiresSize()).as("no field expires any more").isZero();
    }

    @Test
    void aHashWhoseLastFieldExpiresIsDeleted() {
        KeyEntry e = ks.database(2).add(b("h"), hash(0, 2, T0 + 10));
        events.clear();
        ks.setCommandTime(T0 + 50);
        assertThat(ks.expireFields(2, e)).isFalse();
        assertThat(ks.database(2).find(b("h"))).isNull();
        assertThat(ks.database(2).fieldExpiresSize()).isZero();
        assertThat(events).containsExactly("HASH hexpired 2 h", "GENERIC del 2 h", "modified 2 h");
    }

    @Test
    void theActiveCycleReclaimsFieldsAndEmptiedHashesWithoutAnyCommand() {
        Database d = ks.database(5);
        for (int i = 0; i < 2000; i++) {
            // Half the hashes keep a persistent field, the others vanish with their last field.
            d.add(b("k" + i), hash(i % 2, 1 + i % 3, T0 + 100 + i % 50));
        }
        for (int i = 0; i < 100; i++) {
            d.add(b("later" + i), hash(1, 1, T0 + 1_000_000));
        }
        assertThat(d.fieldExpiresSize()).isEqualTo(2100);
        long now = T0 + 1000;
        for (int tick = 0; tick < 200 && d.size() > 1100; tick++) {
            ks.cron(10, 1, now);
            now += 100;
        }
        assertThat(d.size()).as("emptied hashes deleted, the rest kept").isEqualTo(1100);
        for (int i = 0; i < 2000; i += 2) {
            assertThat(d.find(b("k" + i))).isNull();
        }
        for (int i = 1; i < 2000; i += 2) {
            HashValue h = (HashValue) d.find(b("k" + i)).value();
            assertThat(h.size()).isEqualTo(1);
            assertThat(h.nextFieldExpiry()).isEqualTo(HashValue.NONE);
        }
        // Every listing left is a hash that still has a field to expire.
        for (int tick = 0; tick < 50 && d.fieldExpiresSize() > 100; tick++) {
            ks.cron(10, 1, now);
        }
        assertThat(d.fieldExpiresSize()).isEqualTo(100);
        assertThat(events).contains("HASH hexpired 5 k0", "GENERIC del 5 k0", "HASH hexpired 5 k1");
        assertThat(events).doesNotContain("GENERIC del 5 k1");
    }

    @Test
    void theCycleDropsListingsThatNoLongerApply() {
        Database d = ks.database(0);
        KeyEntry e = d.add(b("h"), hash(1, 1, T0 + 10));
        e.setValue(b("now a string"));
        KeyEntry f = d.add(b("g"), hash(1, 1, T0 + 10));
        byte[] t0 = b("t0");
        assertThat(((HashValue) f.value()).persist(t0, 0, 2, T0)).isEqualTo(1);
        events.clear();
        ks.cron(10, 1, T0 + 100);
        assertThat(d.fieldExpiresSize()).isZero();
        assertThat(d.size()).isEqualTo(2);
        assertThat(events).isEmpty();
    }

    @Test
    void noActiveFieldExpiryWhileActiveExpiryIsOff() {
        Database d = ks.database(0);
        d.add(b("h"), hash(0, 1, T0 + 10));
        ks.setActiveExpireEnabled(false);
        ks.cron(10, 1, T0 + 100);
        assertThat(d.size()).isEqualTo(1);
        ks.setActiveExpireEnabled(true);
        ks.cron(10, 1, T0 + 100);
        assertThat(d.size()).isZero();
    }
}
