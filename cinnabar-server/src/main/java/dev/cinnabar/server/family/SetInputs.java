package dev.cinnabar.server.family;

import dev.cinnabar.engine.value.ScoredMembers;
import dev.cinnabar.engine.value.SetValue;
import dev.cinnabar.engine.value.SortedSet;
import dev.cinnabar.resp.RespNumbers;
import java.util.Arrays;

/**
 * Plain sets as inputs of the sorted-set algebra (ZUNION, ZINTER, ZDIFF, their STORE forms and
 * ZINTERCARD): every member scores 1, as in Redis; integers of an intset are their decimal text.
 */
final class SetInputs {
    private SetInputs() {}

    /** A set value seen as scored members. */
    static ScoredMembers of(Object value) {
        SetValue set = (SetValue) value;
        return new ScoredMembers() {
            @Override
            public long size() {
                return set.size();
            }

            @Override
            public double scoreOf(byte[] member) {
                return set.contains(member, 0, member.length) ? 1.0 : Double.NaN;
            }

            @Override
            public void forEach(SortedSet.Visitor visitor) {
                set.forEach(new SetValue.MemberVisitor() {
                    @Override
                    public void string(byte[] bytes, int off, int len) {
                        visitor.visit(Arrays.copyOfRange(bytes, off, off + len), 1.0);
                    }

                    @Override
                    public void integer(long v) {
                        visitor.visit(RespNumbers.toBytes(v), 1.0);
                    }
                });
            }
        };
    }
}
