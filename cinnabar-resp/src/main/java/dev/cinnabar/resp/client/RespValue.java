package dev.cinnabar.resp.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A decoded RESP2/RESP3 value, as a client sees it. Used by the replica link, the test harnesses
 * and anything else that reads replies rather than writing them.
 */
public sealed interface RespValue {

    /** The value in a compact, readable form for logs and test failures. */
    String describe();

    record SimpleString(String text) implements RespValue {
        public String describe() {
            return "+" + text;
        }
    }

    record Error(String text) implements RespValue {
        public String describe() {
            return "-" + text;
        }
    }

    record Integer(long value) implements RespValue {
        public String describe() {
            return ":" + value;
        }
    }

    record Bulk(byte[] bytes) implements RespValue {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public String describe() {
            return '"' + escape(bytes) + '"';
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bulk b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Bulk[" + describe() + "]";
        }
    }

    /** RESP2's null bulk string. */
    record NullBulk() implements RespValue {
        public String describe() {
            return "(nil)";
        }
    }

    /** RESP2's null array. */
    record NullArray() implements RespValue {
        public String describe() {
            return "(nil array)";
        }
    }

    /** RESP3's null. */
    record Null() implements RespValue {
        public String describe() {
            return "_";
        }
    }

    record Double(String text) implements RespValue {
        public String describe() {
            return "," + text;
        }
    }

    record Bool(boolean value) implements RespValue {
        public String describe() {
            return value ? "#t" : "#f";
        }
    }

    record BigNumber(String digits) implements RespValue {
        public String describe() {
            return "(" + digits;
        }
    }

    record Verbatim(String format, byte[] text) implements RespValue {
        public String describe() {
            return "=" + format + ":" + escape(text);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Verbatim v && format.equals(v.format) && Arrays.equals(text, v.text);
        }

        @Override
        public int hashCode() {
            return format.hashCode() * 31 + Arrays.hashCode(text);
        }
    }

    /** Array ('*'), set ('~') and push ('>') share a shape; {@code kind} says which. */
    record Aggregate(char kind, List<RespValue> elements) implements RespValue {
        public String describe() {
            StringBuilder sb = new StringBuilder().append(kind).append('[');
            for (int i = 0; i < elements.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(elements.get(i).describe());
            }
            return sb.append(']').toString();
        }
    }

    /** A map ('%') or attribute ('|') as a flat list of key, value, key, value... */
    record MapValue(char kind, List<RespValue> keysAndValues) implements RespValue {
        public String describe() {
            StringBuilder sb = new StringBuilder().append(kind).append('{');
            for (int i = 0; i + 1 < keysAndValues.size(); i += 2) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(keysAndValues.get(i).describe()).append(": ").append(keysAndValues.get(i + 1).describe());
            }
            return sb.append('}').toString();
        }
    }

    /** An attribute followed by the value it annotates. */
    record Attributed(MapValue attributes, RespValue value) implements RespValue {
        public String describe() {
            return attributes.describe() + " " + value.describe();
        }
    }

    static RespValue bulk(String text) {
        return new Bulk(text.getBytes(StandardCharsets.UTF_8));
    }

    static RespValue array(RespValue... elements) {
        return new Aggregate('*', List.of(elements));
    }

    static String escape(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte x : bytes) {
            int c = x & 0xff;
            if (c == '"' || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c >= 32 && c < 127) {
                sb.append((char) c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }
}
