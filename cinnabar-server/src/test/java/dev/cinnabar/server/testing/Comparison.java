package dev.cinnabar.server.testing;

import dev.cinnabar.resp.client.RespValue;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * How the differential harness compares Cinnabar's reply with Redis's. Exact byte equality is the
 * default; the others are for replies where Redis promises no order or where values legitimately
 * differ (ids, times, addresses) and only the shape must match.
 */
@FunctionalInterface
public interface Comparison {
    /** Null when the replies agree, else a description of the difference. */
    String compare(byte[] cinnabar, byte[] redis);

    /** Byte for byte. */
    Comparison EXACT = (a, b) -> Arrays.equals(a, b) ? null : "replies differ";

    /** Same elements in any order (for a top-level array, set or map); otherwise exact. */
    Comparison UNORDERED = (a, b) -> {
        RespValue x = parse(a);
        RespValue y = parse(b);
        return Objects.equals(normalize(x), normalize(y)) ? null : "replies differ (compared without order)";
    };

    /** The same RESP type at the top level (errors compare exactly). */
    Comparison TYPE = (a, b) -> {
        if ((a.length > 0 && a[0] == '-') || (b.length > 0 && b[0] == '-')) {
            return Arrays.equals(a, b) ? null : "replies differ";
        }
        if (a.length == 0 || b.length == 0 || a[0] != b[0]) {
            return "reply types differ";
        }
        return null;
    };

    /**
     * Integers that may differ by up to {@code tolerance} (TTL in seconds: 1, PTTL: 1000), since the
     * two servers receive the command a moment apart; anything else compares exactly.
     */
    static Comparison integerWithin(long tolerance) {
        return (a, b) -> {
            if (a.length > 0 && a[0] == ':' && b.length > 0 && b[0] == ':') {
                long x = Long.parseLong(new String(a, 1, a.length - 3, StandardCharsets.ISO_8859_1));
                long y = Long.parseLong(new String(b, 1, b.length - 3, StandardCharsets.ISO_8859_1));
                if ((x < 0 || y < 0) && x != y) {
                    return "replies differ";
                }
                return Math.abs(x - y) <= tolerance ? null : "integers differ by more than " + tolerance;
            }
            return EXACT.compare(a, b);
        };
    }

    /** The same RESP type tree: types and aggregate sizes, not the scalar values (errors compare exactly). */
    Comparison SHAPE = (a, b) -> {
        if ((a.length > 0 && a[0] == '-') || (b.length > 0 && b[0] == '-')) {
            return EXACT.compare(a, b);
        }
        String x = shape(parse(a));
        String y = shape(parse(b));
        return x.equals(y) ? null : "reply shapes differ: " + x + " vs " + y;
    };

    /**
     * INFO text: the same sections in the same order with the same field names. Cinnabar adds
     * {@code cinnabar_version} and {@code java_version} to the server section.
     */
    Comparison INFO_FIELDS = (a, b) -> {
        String x = infoShape(parse(a));
        String y = infoShape(parse(b));
        return x.equals(y) ? null : "INFO fields differ:\n  cinnabar: " + x + "\n  redis:    " + y;
    };

    /** CLIENT LIST / CLIENT INFO text: the same field names on every line (values may differ). */
    Comparison CLIENT_FIELDS = (a, b) -> {
        String x = clientShape(parse(a));
        String y = clientShape(parse(b));
        return x.equals(y) ? null : "client line fields differ:\n  cinnabar: " + x + "\n  redis:    " + y;
    };

    static RespValue parse(byte[] raw) {
        return dev.cinnabar.resp.client.ReplyReader.read(Unpooled.wrappedBuffer(raw));
    }

    /** Aggregates become sorted lists of their normalized elements; maps become sorted maps. */
    private static Object normalize(RespValue v) {
        if (v instanceof RespValue.Aggregate agg) {
            List<String> items = new ArrayList<>();
            for (RespValue e : agg.elements()) {
                items.add(String.valueOf(normalize(e)));
            }
            items.sort(null);
            return agg.kind() + items.toString();
        }
        if (v instanceof RespValue.MapValue map) {
            Map<String, String> sorted = new TreeMap<>();
            for (int i = 0; i + 1 < map.keysAndValues().size(); i += 2) {
                sorted.put(String.valueOf(normalize(map.keysAndValues().get(i))),
                        String.valueOf(normalize(map.keysAndValues().get(i + 1))));
            }
            return map.kind() + sorted.toString();
        }
        return v == null ? "null" : v.describe();
    }

    static String shape(RespValue v) {
        if (v instanceof RespValue.Aggregate agg) {
            StringBuilder sb = new StringBuilder().append(agg.kind()).append(agg.elements().size()).append('[');
            for (RespValue e : agg.elements()) {
                sb.append(shape(e)).append(',');
            }
            return sb.append(']').toString();
        }
        if (v instanceof RespValue.MapValue map) {
            StringBuilder sb = new StringBuilder().append(map.kind()).append(map.keysAndValues().size() / 2).append('{');
            for (RespValue e : map.keysAndValues()) {
                sb.append(shape(e)).append(',');
            }
            return sb.append('}').toString();
        }
        if (v == null) {
            return "?";
        }
        return v.getClass().getSimpleName();
    }

    private static String text(RespValue v) {
        if (v instanceof RespValue.Bulk bulk) {
            return new String(bulk.bytes(), StandardCharsets.ISO_8859_1);
        }
        if (v instanceof RespValue.Verbatim verbatim) {
            return new String(verbatim.text(), StandardCharsets.ISO_8859_1);
        }
        return v == null ? "" : v.describe();
    }

    Set<String> CINNABAR_INFO_EXTRAS = Set.of("cinnabar_version", "java_version");

    private static String infoShape(RespValue v) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        String current = "";
        for (String line : text(v).split("\r\n")) {
            if (line.startsWith("# ")) {
                current = line.substring(2);
                sections.put(current, new ArrayList<>());
            } else if (line.contains(":")) {
                String field = line.substring(0, line.indexOf(':'));
                // Per-command and per-error lines depend on what ran; compare their prefixes only once.
                if (field.startsWith("cmdstat_") || field.startsWith("errorstat_")
                        || field.startsWith("latency_percentiles_usec_") || field.matches("db[0-9]+")) {
                    continue;
                }
                if (!CINNABAR_INFO_EXTRAS.contains(field)) {
                    sections.computeIfAbsent(current, k -> new ArrayList<>()).add(field);
                }
            }
        }
        return sections.toString();
    }

    private static String clientShape(RespValue v) {
        Set<String> shapes = new LinkedHashSet<>();
        for (String line : text(v).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            List<String> names = new ArrayList<>();
            for (String field : line.split(" ")) {
                int eq = field.indexOf('=');
                String name = eq < 0 ? field : field.substring(0, eq);
                // lib-name and lib-ver are Redis 7.2 fields that Cinnabar shows since it has CLIENT SETINFO.
                if (!name.equals("lib-name") && !name.equals("lib-ver")) {
                    names.add(name);
                }
            }
            shapes.add(String.join(" ", names));
        }
        return shapes.toString() + " type=" + (v == null ? "?" : v.getClass().getSimpleName());
    }
}
