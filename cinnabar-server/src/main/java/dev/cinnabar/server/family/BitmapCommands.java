package dev.cinnabar.server.family;

import dev.cinnabar.engine.Database;
import dev.cinnabar.engine.KeyEntry;
import dev.cinnabar.engine.KeyEventClass;
import dev.cinnabar.engine.Keyspace;
import dev.cinnabar.engine.value.MutableString;
import dev.cinnabar.engine.value.StringValues;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;

/**
 * SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP. Bits are numbered from the most significant bit of the
 * first byte, as in Redis. BITFIELD is in {@link Bitfield}.
 */
final class BitmapCommands extends CommandFamily {
    static final String BIT_OFFSET_ERROR = "ERR bit offset is not an integer or out of range";

    BitmapCommands(Server server) {
        super(server);
    }

    @Override
    void bindAll() {
        bind("setbit", this::setBit);
        bind("getbit", this::getBit);
        bind("bitcount", this::bitCount);
        bind("bitpos", this::bitPos);
        bind("bitop", this::bitOp);
        Bitfield bitfield = new Bitfield(server);
        bind("bitfield", (c, a) -> bitfield.execute(c, a, false));
        bind("bitfield_ro", (c, a) -> bitfield.execute(c, a, true));
        server.commands().get("bitfield").bindKeyFinder(Bitfield::keys);
    }

    /**
     * A bit offset argument (Redis's getBitOffsetFromArgument): with {@code bits} > 0 the "#N"
     * form means N * bits. Returns -1 after replying with the error.
     */
    long bitOffset(Client c, CommandArguments a, int i, int bits) {
        int off = a.offsetOf(i);
        int len = a.length(i);
        byte[] b = a.arrayOf(i);
        boolean hashForm = len > 0 && b[off] == '#' && bits > 0;
        if (hashForm) {
            off++;
            len--;
        }
        if (!dev.cinnabar.resp.RespNumbers.isLong(b, off, len)) {
            c.reply().error(BIT_OFFSET_ERROR);
            return -1;
        }
        long offset = dev.cinnabar.resp.RespNumbers.parseLong(b, off, len);
        if (hashForm) {
            offset *= bits;
        }
        if (offset < 0 || (offset >> 3) >= server.config().protoMaxBulkLength) {
            c.reply().error(BIT_OFFSET_ERROR);
            return -1;
        }
        return offset;
    }

    /**
     * The string at a key made ready for bit writes up to {@code maxBit} (Redis's
     * lookupStringForBitCommand): created zero-filled when missing, converted to a mutable (raw)
     * string and grown otherwise. {@code grew[0]} tells whether it was created or lengthened:
     * then the write changes the key even when no bit flips. Null after a WRONGTYPE reply.
     */
    KeyEntry bitmapForWrite(Client c, CommandArguments a, int keyIndex, long maxBit, boolean[] grew) {
        KeyEntry e = writeKey(c, a, keyIndex);
        if (notString(c, e)) {
            return null;
        }
        int bytes = (int) (maxBit >> 3) + 1;
        if (e == null) {
            grew[0] = true;
            return keyspace().database(c.database()).add(a.copy(keyIndex), new MutableString(new byte[bytes]));
        }
        MutableString m = StringValues.toMutable(e.value());
        grew[0] = m.length() < bytes;
        m.ensureLength(bytes);
        e.setValue(m);
        return e;
    }

    private void setBit(Client c, CommandArguments a) {
        long offset = bitOffset(c, a, 2, 0);
        if (offset < 0) {
            return;
        }
        if (!a.isLong(3) || (a.longValue(3) & ~1L) != 0) {
            c.reply().error("ERR bit is not an integer or out of range");
            return;
        }
        int on = (int) a.longValue(3);
        boolean[] grew = new boolean[1];
        KeyEntry e = bitmapForWrite(c, a, 1, offset, grew);
        if (e == null) {
            return;
        }
        MutableString m = (MutableString) e.value();
        byte[] bytes = m.array();
        int index = (int) (offset >> 3);
        int bit = 7 - (int) (offset & 7);
        int old = (bytes[index] >> bit) & 1;
        // Setting a bit to the value it has is no change (no event, WATCH unaffected), as in Redis.
        if (grew[0] || old != on) {
            bytes[index] = (byte) ((bytes[index] & ~(1 << bit)) | (on << bit));
            keyspace().changed(c.database(), e.key(), KeyEventClass.STRING, "setbit");
        }
        c.reply().integer(old);
    }

    private void getBit(Client c, CommandArguments a) {
        long offset = bitOffset(c, a, 2, 0);
        if (offset < 0) {
            return;
        }
        KeyEntry e = readKey(c, a, 1);
        if (e == null) {
            c.reply().integer(0);
            return;
        }
        if (notString(c, e)) {
            return;
        }
        Readable r = Readable.of(e.value());
        long index = offset >> 3;
        int bit = 7 - (int) (offset & 7);
        c.reply().integer(index < r.length ? (r.bytes[(int) index] >> bit) & 1 : 0);
    }

    /** A string value's bytes for reading (the decimal text of an integer). */
    record Readable(byte[] bytes, int length) {
        static Readable of(Object value) {
            if (value instanceof MutableString m) {
                return new Readable(m.array(), m.length());
            }
            byte[] b = StringValues.bytes(value);
            return new Readable(b, b.length);
        }
    }

    private void bitCount(Client c, CommandArguments a) {
        KeyEntry e = readKey(c, a, 1);
        if (e == null) {
            c.reply().integer(0);
            return;
        }
        if (notString(c, e)) {
            return;
        }
        Readable r = Readable.of(e.value());
        long start;
        long end;
        int firstMask = 0;
        int lastMask = 0;
        if (a.count() == 4 || a.count() == 5) {
            long total = r.length;
            if (!a.isLong(2) || !a.isLong(3)) {
                c.reply().error(NOT_AN_INTEGER);
                return;
            }
            start = a.longValue(2);
            end = a.longValue(3);
            if (start < 0 && end < 0 && start > end) {
                c.reply().integer(0);
                return;
            }
            boolean inBits = false;
            if (a.count() == 5) {
                if (a.equalsIgnoreCase(4, "bit")) {
                    inBits = true;
                } else if (!a.equalsIgnoreCase(4, "byte")) {
                    c.reply().error(SYNTAX_ERROR);
                    return;
                }
            }
            if (inBits) {
                total <<= 3;
            }
            if (start < 0) {
                start = total + start;
            }
            if (end < 0) {
                end = total + end;
            }
            if (start < 0) {
                start = 0;
            }
            if (end < 0) {
                end = 0;
            }
            if (end >= total) {
                end = total - 1;
            }
            if (inBits && start <= end) {
                firstMask = ~((1 << (8 - (int) (start & 7))) - 1) & 0xFF;
                lastMask = (1 << (7 - (int) (end & 7))) - 1;
                start >>= 3;
                end >>= 3;
            }
        } else if (a.count() == 2) {
            start = 0;
            end = r.length - 1;
        } else {
            c.reply().error(SYNTAX_ERROR);
            return;
        }
        if (start > end) {
            c.reply().integer(0);
            return;
        }
        long count = popcount(r.bytes, (int) start, (int) (end - start + 1));
        if (firstMask != 0) {
            count -= Integer.bitCount(r.bytes[(int) start] & firstMask);
        }
        if (lastMask != 0) {
            count -= Integer.bitCount(r.bytes[(int) end] & lastMask);
        }
        c.reply().integer(count);
    }

    static long popcount(byte[] b, int off, int len) {
        long count = 0;
        int i = off;
        int end = off + len;
        while (end - i >= 8) {
            count += Long.bitCount((long) LONGS.get(b, i));
            i += 8;
        }
        while (i < end) {
            count += Integer.bitCount(b[i++] & 0xFF);
        }
        return count;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    /**
     * The position of the first bit equal to {@code bit} in {@code len} bytes (Redis's redisBitpos):
     * for a clear bit in all-ones bytes, the position just after them; for a set bit in all zeros, -1.
     */
    static long firstBit(byte[] b, int off, int len, int bit) {
        for (int i = 0; i < len; i++) {
            int value = b[off + i] & 0xFF;
            int target = bit == 1 ? value : ~value & 0xFF;
            if (target != 0) {
                return (long) i * 8 + Integer.numberOfLeadingZeros(target) - 24;
            }
        }
        return bit == 1 ? -1 : (long) len * 8;
    }

    private void bitPos(Client c, CommandArguments a) {
        if (!a.isLong(2)) {
            c.reply().error(NOT_AN_INTEGER);
            return;
        }
        long bitArgument = a.longValue(2);
        if (bitArgument != 0 && bitArgument != 1) {
            c.reply().error("ERR The bit argument must be 1 or 0.");
            return;
        }
        int bit = (int) bitArgument;
        KeyEntry e = readKey(c, a, 1);
        if (e == null) {
            c.reply().integer(bit == 1 ? -1 : 0);
            return;
        }
        if (notString(c, e)) {
            return;
        }
        Readable r = Readable.of(e.value());
        byte[] p = r.bytes;
        long length = r.length;
        long start;
        long end;
        boolean endGiven = false;
        int firstMask = 0;
        int lastMask = 0;
        int argc = a.count();
        if (argc == 4 || argc == 5 || argc == 6) {
            long total = length;
            if (!a.isLong(3)) {
                c.reply().error(NOT_AN_INTEGER);
                return;
            }
            start = a.longValue(3);
            boolean inBits = false;
            if (argc == 6) {
                if (a.equalsIgnoreCase(5, "bit")) {
                    inBits = true;
                } else if (!a.equalsIgnoreCase(5, "byte")) {
                    c.reply().error(SYNTAX_ERROR);
                    return;
                }
            }
            if (argc >= 5) {
                if (!a.isLong(4)) {
                    c.reply().error(NOT_AN_INTEGER);
                    return;
                }
                end = a.longValue(4);
                endGiven = true;
            } else {
                end = inBits ? (total << 3) + 7 : total - 1;
            }
            if (inBits) {
                total <<= 3;
            }
            if (start < 0) {
                start = total + start;
            }
            if (end < 0) {
                end = total + end;
            }
            if (start < 0) {
                start = 0;
            }
            if (end < 0) {
                end = 0;
            }
            if (end >= total) {
                end = total - 1;
            }
            if (inBits && start <= end) {
                firstMask = ~((1 << (8 - (int) (start & 7))) - 1) & 0xFF;
                lastMask = (1 << (7 - (int) (end & 7))) - 1;
                start >>= 3;
                end >>= 3;
            }
        } else if (argc == 3) {
            start = 0;
            end = length - 1;
        } else {
            c.reply().error(SYNTAX_ERROR);
            return;
        }
        if (start > end) {
            c.reply().integer(-1);
            return;
        }
        long bytes = end - start + 1;
        long position;
        byte[] one = new byte[1];
        found:
        {
            if (firstMask != 0) {
                int value = p[(int) start] & 0xFF;
                value = bit == 1 ? value & ~firstMask : value | firstMask;
                if (lastMask != 0 && bytes == 1) {
                    value = bit == 1 ? value & ~lastMask : value | lastMask;
                }
                one[0] = (byte) value;
                position = firstBit(one, 0, 1, bit);
                if (bytes == 1 || (position != -1 && position != 8)) {
                    break found;
                }
                start++;
                bytes--;
            }
            long middle = bytes - (lastMask != 0 ? 1 : 0);
            if (middle > 0) {
                position = firstBit(p, (int) start, (int) middle, bit);
                if (bytes == middle || (position != -1 && position != middle << 3)) {
                    break found;
                }
                start += middle;
                bytes -= middle;
            }
            int value = p[(int) end] & 0xFF;
            value = bit == 1 ? value & ~lastMask : value | lastMask;
            one[0] = (byte) value;
            position = firstBit(one, 0, 1, bit);
        }
        if (endGiven && bit == 0 && position == bytes << 3) {
            c.reply().integer(-1);
            return;
        }
        if (position != -1) {
            position += start << 3;
        }
        c.reply().integer(position);
    }

    private void bitOp(Client c, CommandArguments a) {
        int op;
        if (a.equalsIgnoreCase(1, "and")) {
            op = 0;
        } else if (a.equalsIgnoreCase(1, "or")) {
            op = 1;
        } else if (a.equalsIgnoreCase(1, "xor")) {
            op = 2;
        } else if (a.equalsIgnoreCase(1, "not")) {
            op = 3;
        } else {
            c.reply().error(SYNTAX_ERROR);
            return;
        }
        if (op == 3 && a.count() != 4) {
            c.reply().error("ERR BITOP NOT must be called with a single source key.");
            return;
        }
        int sources = a.count() - 3;
        Readable[] inputs = new Readable[sources];
        int maxLength = 0;
        for (int j = 0; j < sources; j++) {
            KeyEntry e = readKey(c, a, j + 3);
            if (e == null) {
                inputs[j] = new Readable(new byte[0], 0);
                continue;
            }
            if (notString(c, e)) {
                return;
            }
            inputs[j] = Readable.of(e.value());
            maxLength = Math.max(maxLength, inputs[j].length);
        }
        Keyspace ks = keyspace();
        int db = c.database();
        if (maxLength > 0) {
            byte[] result = new byte[maxLength];
            for (int j = 0; j < maxLength; j++) {
                int output = inputs[0].length <= j ? 0 : inputs[0].bytes[j] & 0xFF;
                if (op == 3) {
                    output = ~output & 0xFF;
                }
                for (int i = 1; i < sources; i++) {
                    int b = inputs[i].length <= j ? 0 : inputs[i].bytes[j] & 0xFF;
                    if (op == 0) {
                        output &= b;
                    } else if (op == 1) {
                        output |= b;
                    } else {
                        output ^= b;
                    }
                }
                result[j] = (byte) output;
            }
            KeyEntry existing = ks.lookupWrite(db, a.arrayOf(2), a.offsetOf(2), a.length(2));
            // The result of BITOP is a raw string in Redis, whatever its length.
            KeyEntry e = ks.set(db, existing == null ? a.copy(2) : existing.key(), new MutableString(result), false);
            ks.changed(db, e.key(), KeyEventClass.STRING, "set");
        } else {
            Database d = ks.database(db);
            ks.expireIfNeeded(db, a.arrayOf(2), a.offsetOf(2), a.length(2));
            KeyEntry removed = d.remove(a.arrayOf(2), a.offsetOf(2), a.length(2));
            if (removed != null) {
                ks.changed(db, removed.key(), KeyEventClass.GENERIC, "del");
            }
        }
        c.reply().integer(maxLength);
    }
}
