package dev.cinnabar.engine.value;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The test's own statement of Redis 7.2's set encoding rules, written independently of
 * {@link SetValue}: which encoding a set has after each change, and in which order a listpack
 * holds its members. Members are ISO-8859-1 strings.
 */
final class SetModel {
    static final String INTSET = "intset";
    static final String LISTPACK = "listpack";
    static final String HASHTABLE = "hashtable";

    String encoding;
    /** The members; for a listpack in its order, otherwise in no particular order. */
    final List<String> members = new ArrayList<>();
    SetValue.Limits limits;

    SetModel(String encoding, SetValue.Limits limits) {
        this.encoding = encoding;
        this.limits = limits;
    }

    /** Redis's string2ll: optional '-', no leading zero (except "0" itself), no '+', fits a long. */
    static boolean isInteger(String s) {
        if (s.isEmpty() || s.length() > 20 || !s.matches("0|-?[1-9][0-9]*")) {
            return false;
        }
        BigInteger v = new BigInteger(s);
        return v.bitLength() < 64;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Encoding of a set created for {@code first} with {@code hint} members to come (setTypeCreate). */
    static String createdFor(String first, long hint, SetValue.Limits l) {
        if (isInteger(first) && hint <= l.intsetEntries()) {
            return INTSET;
        }
        return hint <= l.listpackEntries() ? LISTPACK : HASHTABLE;
    }

    /** SADD's conversion before adding {@code hint} members. */
    void prepareFor(long hint) {
        if ((encoding.equals(LISTPACK) && hint > limits.listpackEntries())
                || (encoding.equals(INTSET) && hint > limits.intsetEntries())) {
            encoding = HASHTABLE;
        }
    }

    /** Adds a member known to be absent, converting as 7.2 does. */
    void addAbsent(String m) {
        int before = members.size();
        switch (encoding) {
            case INTSET -> {
                if (isInteger(m)) {
                    members.add(m);
                    if (members.size() > Math.min(limits.intsetEntries(), 1L << 30)) {
                        encoding = HASHTABLE;
                    }
                    return;
                }
                long widest = 0;
                if (before > 0) {
                    List<String> sorted = numericOrder(members);
                    widest = Math.max(sorted.get(0).length(), sorted.get(before - 1).length());
                }
                if (before < limits.listpackEntries() && m.length() <= limits.listpackValue()
                        && widest <= limits.listpackValue()) {
                    encoding = LISTPACK;
                    List<String> sorted = numericOrder(members);
                    members.clear();
                    members.addAll(sorted);
                } else {
                    encoding = HASHTABLE;
                }
                members.add(m);
            }
            case LISTPACK -> {
                if (!(before < limits.listpackEntries() && m.length() <= limits.listpackValue())) {
                    encoding = HASHTABLE;
                }
                members.add(m);
            }
            default -> members.add(m);
        }
    }

    boolean contains(String m) {
        return members.contains(m);
    }

    boolean add(String m) {
        if (contains(m)) {
            return false;
        }
        addAbsent(m);
        return true;
    }

    boolean remove(String m) {
        return members.remove(m);
    }

    static List<String> numericOrder(List<String> ints) {
        List<String> sorted = new ArrayList<>(ints);
        sorted.sort(Comparator.comparing(BigInteger::new));
        return sorted;
    }

    /** What a set built by adding {@code members} in this order to an empty {@code start} set looks like. */
    static SetModel built(String start, List<String> members, SetValue.Limits l) {
        SetModel m = new SetModel(start, l);
        for (String s : members) {
            m.add(s);
        }
        return m;
    }

    /** The members in the order the value must list them: ascending for an intset, insertion order for a listpack. */
    List<String> expectedOrder() {
        return encoding.equals(INTSET) ? numericOrder(members) : members;
    }
}
