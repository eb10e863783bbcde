package dev.cinnabar.engine.value;

/**
 * A value whose elements can expire one by one (Redis 7.4's hash field expiry), independently of
 * the key's own expire time. The keyspace keeps, per database, the keys whose value has such
 * elements, and the active expire cycle reclaims what has expired (see
 * {@code dev.cinnabar.engine.FieldExpireCycle}).
 */
public interface VolatileFields extends CompositeValue {
    /** {@link #nextFieldExpiry()} when no element has an expire time. */
    long NONE = -1;

    /** The earliest expire time (Unix milliseconds) of an element, or {@link #NONE}. */
    long nextFieldExpiry();

    /**
     * Removes up to {@code max} elements whose time is past ({@code expireAt < now}), earliest
     * first; returns how many were removed.
     */
    int removeExpiredFields(long now, int max);
}
