package dev.cinnabar.engine.value;

/** The Redis type of a value, as TYPE names it, and the type code DEBUG DIGEST mixes in. */
public enum ValueType {
    STRING("string", 0),
    LIST("list", 1),
    SET("set", 2),
    ZSET("zset", 3),
    HASH("hash", 4),
    STREAM("stream", 6);

    private final String typeName;
    private final int code;

    ValueType(String typeName, int code) {
        this.typeName = typeName;
        this.code = code;
    }

    public String typeName() {
        return typeName;
    }

    /** Redis's OBJ_* constant, used by DEBUG DIGEST. */
    public int code() {
        return code;
    }

    /** The type of a stored value. */
    public static ValueType of(Object value) {
        if (StringValues.isString(value)) {
            return STRING;
        }
        if (value instanceof CompositeValue composite) {
            return composite.type();
        }
        throw new IllegalArgumentException("not a value: " + value.getClass());
    }
}
