package dev.cinnabar.engine.value;

import dev.cinnabar.engine.value.SetValue.Encoding;
import dev.cinnabar.engine.value.SetValue.Limits;
import dev.cinnabar.engine.value.SetValue.MemberVisitor;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Intersection, union and difference of sets (SINTER, SINTERCARD, SUNION, SDIFF and their STORE
 * forms), computed as Redis 7.2 computes them, because the encoding of a stored result and the
 * order of a reply follow from how the result is built:
 *
 * <ul>
 *   <li>An intersection walks the smallest set (ties keep the argument order) and keeps the
 *   members every other set holds. A stored intersection starts as an intset when the smallest
 *   set is one, otherwise as a listpack, grows with the ordinary conversion rules, and becomes an
 *   intset at the end when all its members are integers and few enough.</li>
 *   <li>A union or difference is accumulated in a set that starts as an (empty) intset and
 *   converts as members arrive; it is both the stored result and what SUNION/SDIFF reply with.
 *   A difference either walks the first set and checks each member against the others, or copies
 *   the first set and removes the others' members, whichever Redis's cost estimate picks.</li>
 * </ul>
 * The same key given twice is the same {@link SetValue} object, which the difference notices.
 */
public final class SetOperations {
    private SetOperations() {}

    /** The sets sorted by ascending size; the sort is stable, so equal sizes keep their order. */
    private static SetValue[] bySize(SetValue[] sets) {
        SetValue[] sorted = sets.clone();
        Arrays.sort(sorted, Comparator.comparingLong(SetValue::size));
        return sorted;
    }

    /** Whether {@code set} holds the member the visitor was given (integer or bytes). */
    private static boolean containsMember(SetValue set, byte[] b, int off, int len, boolean integer, long v) {
        return integer ? set.containsInteger(v) : set.contains(b, off, len);
    }

    /** Walks the members of the smallest set that every set holds; {@code out} returns false to stop. */
    private interface IntersectionSink {
        boolean accept(byte[] b, int off, int len, boolean integer, long v);
    }

    private static void intersect(SetValue[] sets, IntersectionSink out) {
        SetValue[] sorted = bySize(sets);
        SetValue first = sorted[0];
        boolean[] stopped = {false};
        first.forEach(new MemberVisitor() {
            @Override
            public void string(byte[] bytes, int off, int len) {
                visit(bytes, off, len, false, 0);
            }

            @Override
            public void integer(long value) {
                visit(null, 0, 0, true, value);
            }

            private void visit(byte[] b, int off, int len, boolean integer, long v) {
                if (stopped[0]) {
                    return;
                }
                for (int j = 1; j < sorted.length; j++) {
                    if (sorted[j] != first && !containsMember(sorted[j], b, off, len, integer, v)) {
                        return;
                    }
                }
                if (!out.accept(b, off, len, integer, v)) {
                    stopped[0] = true;
                }
            }
        });
    }

    /** SINTER: the members every set holds, in the smallest set's order. */
    public static void intersection(SetValue[] sets, MemberVisitor out) {
        intersect(sets, (b, off, len, integer, v) -> {
            if (integer) {
                out.integer(v);
            } else {
                out.string(b, off, len);
            }
            return true;
        });
    }

    /** SINTERCARD: the size of the intersection, counting no further than {@code limit} (0: no limit). */
    public static long intersectionSize(SetValue[] sets, long limit) {
        long[] count = {0};
        intersect(sets, (b, off, len, integer, v) -> {
            count[0]++;
            return limit == 0 || count[0] < limit;
        });
        return count[0];
    }

    /** SINTERSTORE: the intersection as a new set, encoded as Redis 7.2 encodes it (may be empty). */
    public static SetValue intersectionSet(SetValue[] sets, Limits limits) {
        SetValue smallest = bySize(sets)[0];
        SetValue result = SetValue.empty(smallest.encodingKind() == Encoding.INTSET ? Encoding.INTSET : Encoding.LISTPACK);
        boolean fromTable = smallest.encodingKind() == Encoding.HASHTABLE;
        boolean[] onlyIntegers = {true};
        intersect(sets, (b, off, len, integer, v) -> {
            if (integer) {
                result.addInteger(v, limits);
                return true;
            }
            if (onlyIntegers[0]) {
                if (fromTable && SetValue.isInteger(b, off, len)) {
                    if (result.encodingKind() != Encoding.HASHTABLE) {
                        // Adding it as a number is what Redis does for a compact result.
                        result.addInteger(SetValue.parseInteger(b, off, len), limits);
                        return true;
                    }
                } else {
                    onlyIntegers[0] = false;
                }
            }
            result.add(b, off, len, limits);
            return true;
        });
        if (result.size() > 0 && onlyIntegers[0]) {
            result.convertToIntsetIfSmall(limits);
        }
        return result;
    }

    /**
     * SUNION: every member of the given sets (null entries are missing keys), accumulated in a set
     * that starts as an intset.
     */
    public static SetValue union(SetValue[] sets, Limits limits) {
        SetValue result = SetValue.empty(Encoding.INTSET);
        for (SetValue set : sets) {
            if (set != null) {
                set.forEach(adder(result, limits));
            }
        }
        return result;
    }

    /**
     * SDIFF: the members of the first set that no other set holds (null entries are missing
     * keys). Redis picks between walking the first set (about half the first set's size times the
     * number of sets) and copying it then removing the others (the total size), and so does this.
     */
    public static SetValue difference(SetValue[] sets, Limits limits) {
        SetValue result = SetValue.empty(Encoding.INTSET);
        SetValue first = sets[0];
        if (first == null) {
            return result;
        }
        for (int j = 1; j < sets.length; j++) {
            if (sets[j] == first) {
                return result;
            }
        }
        long walkCost = 0;
        long copyCost = 0;
        for (SetValue set : sets) {
            if (set != null) {
                walkCost += first.size();
                copyCost += set.size();
            }
        }
        walkCost /= 2;
        if (walkCost <= copyCost) {
            SetValue[] others = Arrays.copyOfRange(sets, 1, sets.length);
            Arrays.sort(others, Comparator.comparingLong((SetValue s) -> s == null ? 0 : s.size()).reversed());
            first.forEach(new MemberVisitor() {
                @Override
                public void string(byte[] bytes, int off, int len) {
                    for (SetValue other : others) {
                        if (other != null && other.contains(bytes, off, len)) {
                            return;
                        }
                    }
                    result.add(bytes, off, len, limits);
                }

                @Override
                public void integer(long value) {
                    for (SetValue other : others) {
                        if (other != null && other.containsInteger(value)) {
                            return;
                        }
                    }
                    result.addInteger(value, limits);
                }
            });
            return result;
        }
        first.forEach(adder(result, limits));
        MemberVisitor remover = new MemberVisitor() {
            @Override
            public void string(byte[] bytes, int off, int len) {
                result.remove(bytes, off, len);
            }

            @Override
            public void integer(long value) {
                result.removeInteger(value);
            }
        };
        for (int j = 1; j < sets.length && result.size() > 0; j++) {
            if (sets[j] != null) {
                sets[j].forEach(remover);
            }
        }
        return result;
    }

    private static MemberVisitor adder(SetValue into, Limits limits) {
        return new MemberVisitor() {
            @Override
            public void string(byte[] bytes, int off, int len) {
                into.add(bytes, off, len, limits);
            }

            @Override
            public void integer(long value) {
                into.addInteger(value, limits);
            }
        };
    }
}
