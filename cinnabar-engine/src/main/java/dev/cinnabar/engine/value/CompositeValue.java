package dev.cinnabar.engine.value;

/**
 * A value of one of the collection types (list, hash, set, sorted set, ...). Strings are stored
 * as plain arrays and numbers (see {@link StringValues}); every other type implements this, so
 * that the commands common to all types (TYPE, OBJECT ENCODING, COPY, DEBUG DIGEST) work on any.
 */
public interface CompositeValue {
    /** The Redis type. */
    ValueType type();

    /** OBJECT ENCODING's name for the current representation ("listpack", "hashtable"...). */
    String encoding();

    /** An independent copy (COPY). */
    CompositeValue duplicate();

    /** Adds the content to a DEBUG DIGEST, after the type code (Redis's xorObjectDigest). */
    void digest(ValueDigest digest, byte[] into);

    /** Approximate heap footprint in bytes. */
    long footprint();

    /** Whether the value holds no element (an empty collection is removed with its key). */
    boolean isEmpty();
}
