package dev.cinnabar.server.family;

import dev.cinnabar.engine.value.HashValue;
import dev.cinnabar.engine.value.ListValue;
import dev.cinnabar.engine.value.SetValue;
import dev.cinnabar.engine.value.SortedSet;
import dev.cinnabar.engine.value.StringValues;

/**
 * DEBUG OBJECT's {@code serializedlength}: the size a value takes in an RDB file, computed from the
 * form Redis saves for each type and encoding. RDB's LZF compression of strings over 20 bytes is
 * not applied (Cinnabar has no RDB files yet), so a compressible value reads larger than in Redis.
 */
final class SerializedLength {
    private SerializedLength() {}

    static long of(Object value) {
        if (value instanceof ListValue list) {
            return ListSupport.serializedLength(list);
        }
        if (value instanceof SetValue set) {
            return set(set);
        }
        if (value instanceof HashValue hash) {
            return hash(hash);
        }
        if (value instanceof SortedSet zset) {
            return zset(zset);
        }
        return string(value);
    }

    /**
     * A string value (integers in 2, 3 or 5 bytes). Like Redis's rdbSaveRawString, a text of up
     * to 11 bytes that is an integer's canonical form is saved as that integer, whatever its
     * encoding in memory (a raw "12345" takes 3 bytes).
     */
    static long string(Object value) {
        if (!(value instanceof Long) && StringValues.length(value) <= 11) {
            Long parsed = StringCommands.asLong(value);
            if (parsed != null) {
                value = parsed;
            }
        }
        if (value instanceof Long l) {
            if (l >= Byte.MIN_VALUE && l <= Byte.MAX_VALUE) {
                return 2;
            }
            if (l >= Short.MIN_VALUE && l <= Short.MAX_VALUE) {
                return 3;
            }
            if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                return 5;
            }
        }
        long length = StringValues.length(value);
        return lengthPrefix(length) + length;
    }

    /** Bytes of an RDB length prefix (Redis's rdbSaveLen). */
    static long lengthPrefix(long length) {
        return length < 64 ? 1 : length < 16384 ? 2 : length <= 0xFFFFFFFFL ? 5 : 9;
    }

    /**
     * A set: an intset or a listpack is saved as one string of its bytes; a hashtable as its size
     * followed by each member as a string.
     */
    static long set(SetValue set) {
        long compact = set.encodedBytes();
        if (compact >= 0) {
            return lengthPrefix(compact) + compact;
        }
        long[] total = {lengthPrefix(set.size())};
        set.forEach(new SetValue.MemberVisitor() {
            @Override
            public void string(byte[] bytes, int off, int len) {
                total[0] += SerializedLength.string(java.util.Arrays.copyOfRange(bytes, off, off + len));
            }

            @Override
            public void integer(long value) {
                total[0] += SerializedLength.string(value);
            }
        });
        return total[0];
    }

    /**
     * A hash: a listpack is saved as one string of its bytes (7.4's listpackex first writes the
     * earliest field expire time, 8 bytes); a hashtable as its size followed by each field and
     * value as strings.
     */
    static long hash(HashValue hash) {
        long compact = hash.encodedBytes();
        if (compact >= 0) {
            return (hash.isListpackEx() ? 8 : 0) + lengthPrefix(compact) + compact;
        }
        long[] total = {lengthPrefix(hash.size())};
        hash.forEach((field, value) -> {
            total[0] += string(field) + string(value);
            return true;
        });
        return total[0];
    }

    /**
     * A sorted set: a listpack is saved as one string of its bytes; a skiplist as its size, then
     * each member as a string and its score as an 8-byte double.
     */
    static long zset(SortedSet zset) {
        long compact = zset.listpackBytes();
        if (compact >= 0) {
            return lengthPrefix(compact) + compact;
        }
        long[] total = {lengthPrefix(zset.size())};
        zset.forEach((member, score) -> total[0] += string(member) + 8);
        return total[0];
    }
}
