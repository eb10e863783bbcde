package dev.cinnabar.engine.value;

import dev.cinnabar.engine.table.Dict;
import dev.cinnabar.engine.value.SetValue.Encoding;
import dev.cinnabar.engine.value.SetValue.Limits;
import dev.cinnabar.engine.value.SetValue.MemberVisitor;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * SPOP and SRANDMEMBER with a count, drawn the way Redis 7.2 draws them, because the strategy
 * shows: it decides the order of the reply and, for SPOP, the encoding of what remains.
 */
final class SetDraws {
    private SetDraws() {}

    /**
     * Chooses {@code k} of {@code n} indexes uniformly, returned in ascending order (selection
     * sampling: each index is taken with probability still-needed / still-available, which is how
     * Redis walks a listpack once to pick distinct members in order).
     */
    static int[] chooseInOrder(int n, int k, RandomGenerator random) {
        int[] chosen = new int[k];
        int taken = 0;
        for (int i = 0; i < n && taken < k; i++) {
            if (random.nextInt(n - i) < k - taken) {
                chosen[taken++] = i;
            }
        }
        return chosen;
    }

    /**
     * SPOP with a count below the size (Redis 7.2's spopWithCountCommand, cases 2 and 3): when
     * what remains is large compared with what is popped, members are popped one by one (a
     * listpack chooses them in one pass, in order); otherwise the members that stay are chosen
     * and moved to a new set (a listpack, or an intset when this one is an intset; built with the
     * ordinary conversion rules), and the rest, in this set's order, are the popped ones.
     */
    static void pop(SetValue set, long count, RandomGenerator random, Limits limits, MemberVisitor popped) {
        long size = set.size();
        if (count <= 0 || count >= size) {
            throw new IllegalArgumentException("count " + count + " for a set of " + size);
        }
        long remaining = size - count;
        if (remaining * 5 > count) {
            if (set.encodingKind() == Encoding.LISTPACK) {
                Listpack listpack = set.listpack();
                int[] positions = SetValue.listpackPositions(listpack);
                int[] chosen = chooseInOrder(positions.length, (int) count, random);
                for (int index : chosen) {
                    SetValue.visitListpack(listpack, positions[index], popped);
                }
                for (int i = chosen.length - 1; i >= 0; i--) {
                    listpack.delete(positions[chosen[i]]);
                }
                set.store(listpack, true);
            } else {
                for (long i = 0; i < count; i++) {
                    byte[] m = set.popRandom(random);
                    popped.string(m, 0, m.length);
                }
            }
            return;
        }
        SetValue kept;
        if (set.encodingKind() == Encoding.LISTPACK) {
            kept = SetValue.empty(Encoding.LISTPACK);
            Listpack listpack = set.listpack();
            int[] positions = SetValue.listpackPositions(listpack);
            int[] chosen = chooseInOrder(positions.length, (int) remaining, random);
            for (int index : chosen) {
                int p = positions[index];
                if (listpack.isInteger(p)) {
                    kept.addInteger(listpack.integer(p), limits);
                } else {
                    byte[] m = listpack.get(p);
                    kept.add(m, 0, m.length, limits);
                }
            }
            for (int i = chosen.length - 1; i >= 0; i--) {
                listpack.delete(positions[chosen[i]]);
            }
            set.store(listpack, true);
        } else {
            kept = SetValue.empty(set.encodingKind() == Encoding.INTSET ? Encoding.INTSET : Encoding.LISTPACK);
            for (long i = 0; i < remaining; i++) {
                if (set.encodingKind() == Encoding.INTSET) {
                    IntSet intset = set.intset();
                    long v = intset.get(random.nextInt(intset.length()));
                    kept.addInteger(v, limits);
                    intset.remove(v);
                    set.store(intset);
                } else {
                    byte[] m = set.fairRandomKey(random);
                    kept.add(m, 0, m.length, limits);
                    set.dictDelete(m, 0, m.length);
                }
            }
        }
        set.forEach(popped);
        set.adopt(kept);
    }

    /**
     * SRANDMEMBER with a count (Redis 7.2's srandmemberWithCountCommand): {@code count} members
     * with repetitions when {@code distinct} is false (or the count is 1); otherwise
     * min(count, size) distinct members. {@code stop} is polled now and then during long
     * repeated draws (a client that went away).
     */
    static void draw(SetValue set, long count, boolean distinct, RandomGenerator random, MemberVisitor out,
                     BooleanSupplier stop) {
        long size = set.size();
        if (count <= 0 || size == 0) {
            return;
        }
        if (!distinct || count == 1) {
            Listpack listpack = set.encodingKind() == Encoding.LISTPACK ? set.listpack() : null;
            int[] positions = listpack != null ? SetValue.listpackPositions(listpack) : null;
            for (long i = 0; i < count; i++) {
                if (positions != null) {
                    SetValue.visitListpack(listpack, positions[random.nextInt(positions.length)], out);
                } else {
                    set.randomMember(random, out);
                }
                if ((i & 1023) == 1023 && stop.getAsBoolean()) {
                    return;
                }
            }
            return;
        }
        if (count >= size) {
            set.forEach(out);
            return;
        }
        if (set.encodingKind() == Encoding.LISTPACK) {
            Listpack listpack = set.listpack();
            int[] positions = SetValue.listpackPositions(listpack);
            for (int index : chooseInOrder(positions.length, (int) count, random)) {
                SetValue.visitListpack(listpack, positions[index], out);
            }
            return;
        }
        if (count * 3 > size) {
            // Few members left out: copy them all, then drop random ones.
            List<byte[]> all = set.members();
            while (all.size() > count) {
                int victim = random.nextInt(all.size());
                all.set(victim, all.get(all.size() - 1));
                all.remove(all.size() - 1);
            }
            for (byte[] m : all) {
                out.string(m, 0, m.length);
            }
            return;
        }
        // A large set: draw until enough distinct members are found.
        Dict seen = new Dict();
        MemberVisitor collect = new MemberVisitor() {
            @Override
            public void string(byte[] bytes, int off, int len) {
                if (seen.find(bytes, off, len) == null) {
                    seen.addAbsent(Arrays.copyOfRange(bytes, off, off + len), null);
                }
            }

            @Override
            public void integer(long value) {
                byte[] text = SetValue.decimal(value);
                string(text, 0, text.length);
            }
        };
        while (seen.size() < count) {
            set.randomMember(random, collect);
        }
        seen.forEach(e -> out.string(e.key(), 0, e.key().length));
    }
}
