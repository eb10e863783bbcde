package dev.cinnabar.server.family;

import dev.cinnabar.engine.KeyEntry;
import dev.cinnabar.engine.KeyEventClass;
import dev.cinnabar.engine.value.MutableString;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;
import dev.cinnabar.server.command.CommandSpec;
import dev.cinnabar.server.command.KeyFinder;
import java.util.ArrayList;
import java.util.List;

/**
 * BITFIELD and BITFIELD_RO: integers of 1 to 64 bits (signed) or 1 to 63 bits (unsigned) at any
 * bit offset of a string, read with GET, written with SET and INCRBY, with the WRAP, SAT and FAIL
 * overflow behaviours. All operations are parsed first; any error aborts the whole command.
 */
final class Bitfield extends CommandFamily {
    private static final String TYPE_ERROR =
            "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";
    private static final int GET = 0;
    private static final int SET = 1;
    private static final int INCRBY = 2;
    private static final int WRAP = 0;
    private static final int SAT = 1;
    private static final int FAIL = 2;

    private record Operation(int opcode, long offset, long value, int overflow, int bits, boolean signed) {}

    Bitfield(Server server) {
        super(server);
    }

    @Override
    void bindAll() {
        // Bound by BitmapCommands.
    }

    /** BITFIELD's key: read only when every operation is a GET (Redis's bitfieldGetKeys). */
    static List<KeyFinder.Key> keys(CommandSpec spec, CommandArguments a, int offset, int argc) {
        boolean readOnly = true;
        for (int i = 2; i < argc; i++) {
            int remaining = argc - i - 1;
            if (a.equalsIgnoreCase(offset + i, "get") && remaining >= 2) {
                i += 2;
            } else if ((a.equalsIgnoreCase(offset + i, "set") || a.equalsIgnoreCase(offset + i, "incrby")) && remaining >= 3) {
                readOnly = false;
                break;
            } else if (a.equalsIgnoreCase(offset + i, "overflow") && remaining >= 1) {
                i += 1;
            } else {
                readOnly = false;
                break;
            }
        }
        return List.of(new KeyFinder.Key(1, readOnly ? List.of("RO", "access") : List.of("RW", "access", "update")));
    }

    void execute(Client c, CommandArguments a, boolean readOnlyCommand) {
        List<Operation> operations = new ArrayList<>();
        int overflow = WRAP;
        boolean readOnly = true;
        long highestWrite = 0;
        BitmapCommands bitmaps = new BitmapCommands(server);
        for (int j = 2; j < a.count(); j++) {
            int remaining = a.count() - j - 1;
            int opcode;
            if (a.equalsIgnoreCase(j, "get") && remaining >= 2) {
                opcode = GET;
            } else if (a.equalsIgnoreCase(j, "set") && remaining >= 3) {
                opcode = SET;
            } else if (a.equalsIgnoreCase(j, "incrby") && remaining >= 3) {
                opcode = INCRBY;
            } else if (a.equalsIgnoreCase(j, "overflow") && remaining >= 1) {
                j++;
                if (a.equalsIgnoreCase(j, "wrap")) {
                    overflow = WRAP;
                } else if (a.equalsIgnoreCase(j, "sat")) {
                    overflow = SAT;
                } else if (a.equalsIgnoreCase(j, "fail")) {
                    overflow = FAIL;
                } else {
                    c.reply().error("ERR Invalid OVERFLOW type specified");
                    return;
                }
                continue;
            } else {
                c.reply().error(SYNTAX_ERROR);
                return;
            }
            int typeIndex = j + 1;
            byte[] type = a.copy(typeIndex);
            boolean signed;
            // Only the lower-case letters: Redis rejects "U8" and "I16".
            if (type.length > 0 && type[0] == 'i') {
                signed = true;
            } else if (type.length > 0 && type[0] == 'u') {
                signed = false;
            } else {
                c.reply().error(TYPE_ERROR);
                return;
            }
            if (!dev.cinnabar.resp.RespNumbers.isLong(type, 1, type.length - 1)) {
                c.reply().error(TYPE_ERROR);
                return;
            }
            long bits = dev.cinnabar.resp.RespNumbers.parseLong(type, 1, type.length - 1);
            if (bits < 1 || (signed && bits > 64) || (!signed && bits > 63)) {
                c.reply().error(TYPE_ERROR);
                return;
            }
            long offset = bitmaps.bitOffset(c, a, j + 2, (int) bits);
            if (offset < 0) {
                return;
            }
            long value = 0;
            if (opcode != GET) {
                readOnly = false;
                highestWrite = Math.max(highestWrite, offset + bits - 1);
                if (!a.isLong(j + 3)) {
                    c.reply().error(NOT_AN_INTEGER);
                    return;
                }
                value = a.longValue(j + 3);
            }
            operations.add(new Operation(opcode, offset, value, overflow, (int) bits, signed));
            j += opcode == GET ? 2 : 3;
        }
        KeyEntry e;
        boolean[] grew = new boolean[1];
        if (readOnly) {
            e = readKey(c, a, 1);
            if (notString(c, e)) {
                return;
            }
        } else {
            if (readOnlyCommand) {
                c.reply().error("ERR BITFIELD_RO only supports the GET subcommand");
                return;
            }
            e = bitmaps.bitmapForWrite(c, a, 1, highestWrite, grew);
            if (e == null) {
                return;
            }
        }
        c.reply().arrayHeader(operations.size());
        boolean changed = false;
        // Redis counts a write as a change when the string was created or grown, or the value differs.
        for (Operation op : operations) {
            if (op.opcode() == GET) {
                byte[] window = new byte[9];
                if (e != null) {
                    BitmapCommands.Readable r = BitmapCommands.Readable.of(e.value());
                    long first = op.offset() >> 3;
                    for (int i = 0; i < 9 && first + i < r.length(); i++) {
                        window[i] = r.bytes()[(int) (first + i)];
                    }
                }
                long relative = op.offset() - ((op.offset() >> 3) << 3);
                long value = op.signed() ? getSigned(window, relative, op.bits()) : getUnsigned(window, relative, op.bits());
                c.reply().integer(value);
                continue;
            }
            MutableString m = (MutableString) e.value();
            byte[] bytes = m.array();
            long[] limit = new long[1];
            long oldValue;
            long newValue;
            long result;
            int overflowed;
            if (op.signed()) {
                oldValue = getSigned(bytes, op.offset(), op.bits());
                if (op.opcode() == INCRBY) {
                    overflowed = signedOverflow(oldValue, op.value(), op.bits(), op.overflow(), limit);
                    newValue = overflowed != 0 ? limit[0] : oldValue + op.value();
                    result = newValue;
                } else {
                    newValue = op.value();
                    overflowed = signedOverflow(newValue, 0, op.bits(), op.overflow(), limit);
                    if (overflowed != 0) {
                        newValue = limit[0];
                    }
                    result = oldValue;
                }
            } else {
                oldValue = getUnsigned(bytes, op.offset(), op.bits());
                if (op.opcode() == INCRBY) {
                    newValue = oldValue + op.value();
                    overflowed = unsignedOverflow(oldValue, op.value(), op.bits(), op.overflow(), limit);
                    if (overflowed != 0) {
                        newValue = limit[0];
                    }
                    result = newValue;
                } else {
                    newValue = op.value();
                    overflowed = unsignedOverflow(newValue, 0, op.bits(), op.overflow(), limit);
                    if (overflowed != 0) {
                        newValue = limit[0];
                    }
                    result = oldValue;
                }
            }
            if (overflowed != 0 && op.overflow() == FAIL) {
                c.reply().nullBulk();
                continue;
            }
            c.reply().integer(result);
            setBits(bytes, op.offset(), op.bits(), newValue);
            if (grew[0] || oldValue != newValue) {
                changed = true;
            }
        }
        if (changed) {
            keyspace().changed(c.database(), e.key(), KeyEventClass.STRING, "setbit");
        }
    }

    static long getUnsigned(byte[] p, long offset, int bits) {
        long value = 0;
        for (int j = 0; j < bits; j++) {
            int index = (int) (offset >> 3);
            int bit = 7 - (int) (offset & 7);
            value = (value << 1) | ((p[index] >> bit) & 1);
            offset++;
        }
        return value;
    }

    static long getSigned(byte[] p, long offset, int bits) {
        long value = getUnsigned(p, offset, bits);
        if (bits < 64 && (value & (1L << (bits - 1))) != 0) {
            value |= -1L << bits;
        }
        return value;
    }

    static void setBits(byte[] p, long offset, int bits, long value) {
        for (int j = 0; j < bits; j++) {
            int bitValue = (value & (1L << (bits - 1 - j))) != 0 ? 1 : 0;
            int index = (int) (offset >> 3);
            int bit = 7 - (int) (offset & 7);
            p[index] = (byte) ((p[index] & ~(1 << bit)) | (bitValue << bit));
            offset++;
        }
    }

    /** Redis's checkUnsignedBitfieldOverflow, with unsigned 64-bit arithmetic. */
    static int unsignedOverflow(long value, long increment, int bits, int behaviour, long[] limit) {
        long max = bits == 64 ? -1L : (1L << bits) - 1;
        long maxIncrement = max - value;
        long minIncrement = -value;
        if (Long.compareUnsigned(value, max) > 0 || (increment > 0 && increment > maxIncrement)) {
            if (behaviour == WRAP) {
                limit[0] = (value + increment) & ~(-1L << bits);
            } else if (behaviour == SAT) {
                limit[0] = max;
            }
            return 1;
        }
        if (increment < 0 && increment < minIncrement) {
            if (behaviour == WRAP) {
                limit[0] = (value + increment) & ~(-1L << bits);
            } else if (behaviour == SAT) {
                limit[0] = 0;
            }
            return -1;
        }
        return 0;
    }

    /** Redis's checkSignedBitfieldOverflow. */
    static int signedOverflow(long value, long increment, int bits, int behaviour, long[] limit) {
        long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        long min = -max - 1;
        long maxIncrement = max - value;
        long minIncrement = min - value;
        if (value > max || (bits != 64 && increment > maxIncrement) || (value >= 0 && increment > 0 && increment > maxIncrement)) {
            if (behaviour == WRAP) {
                limit[0] = wrapSigned(value, increment, bits);
            } else if (behaviour == SAT) {
                limit[0] = max;
            }
            return 1;
        }
        if (value < min || (bits != 64 && increment < minIncrement) || (value < 0 && increment < 0 && increment < minIncrement)) {
            if (behaviour == WRAP) {
                limit[0] = wrapSigned(value, increment, bits);
            } else if (behaviour == SAT) {
                limit[0] = min;
            }
            return -1;
        }
        return 0;
    }

    private static long wrapSigned(long value, long increment, int bits) {
        long c = value + increment;
        if (bits < 64) {
            long mask = -1L << bits;
            long msb = 1L << (bits - 1);
            c = (c & msb) != 0 ? c | mask : c & ~mask;
        }
        return c;
    }
}
