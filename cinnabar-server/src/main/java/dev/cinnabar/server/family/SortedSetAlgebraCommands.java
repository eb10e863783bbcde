package dev.cinnabar.server.family;

import dev.cinnabar.engine.KeyEntry;
import dev.cinnabar.engine.value.ScoredMembers;
import dev.cinnabar.engine.value.SortedSet;
import dev.cinnabar.engine.value.ValueType;
import dev.cinnabar.engine.value.ZsetAlgebra;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.resp.ReplyWriter;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;
import java.util.ArrayList;
import java.util.List;

/**
 * The sorted-set algebra: ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD, through one
 * worker as Redis's zunionInterDiffGenericCommand. Inputs may be sorted sets or plain sets (whose
 * members score 1); missing keys are empty inputs. The arithmetic is in {@link ZsetAlgebra}.
 */
final class SortedSetAlgebraCommands extends CommandFamily {
    private enum Operation { UNION, INTER, DIFF }

    private final SortedSetCommands zsets;
    private final SortedSetRangeCommands ranges;

    SortedSetAlgebraCommands(Server server, SortedSetCommands zsets, SortedSetRangeCommands ranges) {
        super(server);
        this.zsets = zsets;
        this.ranges = ranges;
    }

    @Override
    void bindAll() {
        bind("zunion", (c, a) -> compute(c, a, 1, false, Operation.UNION, false));
        bind("zinter", (c, a) -> compute(c, a, 1, false, Operation.INTER, false));
        bind("zdiff", (c, a) -> compute(c, a, 1, false, Operation.DIFF, false));
        bind("zunionstore", (c, a) -> compute(c, a, 2, true, Operation.UNION, false));
        bind("zinterstore", (c, a) -> compute(c, a, 2, true, Operation.INTER, false));
        bind("zdiffstore", (c, a) -> compute(c, a, 2, true, Operation.DIFF, false));
        bind("zintercard", (c, a) -> compute(c, a, 1, false, Operation.INTER, true));
    }

    /** A stored value as an input of the algebra: a sorted set, or a set whose members score 1. */
    static ScoredMembers input(Object value) {
        if (value instanceof SortedSet z) {
            return z;
        }
        return SetInputs.of(value);
    }

    private void compute(Client c, CommandArguments a, int numkeysIndex, boolean store, Operation op,
                         boolean cardinalityOnly) {
        if (!a.isLong(numkeysIndex)) {
            c.reply().error(NOT_AN_INTEGER);
            return;
        }
        long setCount = a.longValue(numkeysIndex);
        if (setCount < 1) {
            c.reply().error("ERR at least 1 input key is needed for '" + a.lowerString(0) + "' command");
            return;
        }
        if (setCount > a.count() - (numkeysIndex + 1)) {
            c.reply().error(SYNTAX_ERROR);
            return;
        }
        int n = (int) setCount;
        List<ScoredMembers> inputs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            KeyEntry e = readKey(c, a, numkeysIndex + 1 + i);
            if (e == null) {
                inputs.add(null);
                continue;
            }
            ValueType type = ValueType.of(e.value());
            if (type != ValueType.ZSET && type != ValueType.SET) {
                c.reply().error(WRONGTYPE);
                return;
            }
            inputs.add(input(e.value()));
        }
        double[] weights = null;
        ZsetAlgebra.Aggregate aggregate = ZsetAlgebra.Aggregate.SUM;
        boolean withScores = false;
        long limit = 0;
        int j = numkeysIndex + 1 + n;
        int remaining = a.count() - j;
        double[] parsed = new double[1];
        while (remaining > 0) {
            if (op != Operation.DIFF && !cardinalityOnly && remaining >= n + 1 && a.equalsIgnoreCase(j, "weights")) {
                j++;
                remaining--;
                weights = new double[n];
                for (int i = 0; i < n; i++, j++, remaining--) {
                    if (!ZsetArguments.parseScore(a, j, parsed)) {
                        c.reply().error("ERR weight value is not a float");
                        return;
                    }
                    weights[i] = parsed[0];
                }
            } else if (op != Operation.DIFF && !cardinalityOnly && remaining >= 2 && a.equalsIgnoreCase(j, "aggregate")) {
                j++;
                if (a.equalsIgnoreCase(j, "sum")) {
                    aggregate = ZsetAlgebra.Aggregate.SUM;
                } else if (a.equalsIgnoreCase(j, "min")) {
                    aggregate = ZsetAlgebra.Aggregate.MIN;
                } else if (a.equalsIgnoreCase(j, "max")) {
                    aggregate = ZsetAlgebra.Aggregate.MAX;
                } else {
                    c.reply().error(SYNTAX_ERROR);
                    return;
                }
                j++;
                remaining -= 2;
            } else if (!store && !cardinalityOnly && a.equalsIgnoreCase(j, "withscores")) {
                j++;
                remaining--;
                withScores = true;
            } else if (cardinalityOnly && remaining >= 2 && a.equalsIgnoreCase(j, "limit")) {
                j++;
                if (!a.isLong(j) || a.longValue(j) < 0) {
                    c.reply().error("ERR LIMIT can't be negative");
                    return;
                }
                limit = a.longValue(j);
                j++;
                remaining -= 2;
            } else {
                c.reply().error(SYNTAX_ERROR);
                return;
            }
        }
        if (cardinalityOnly) {
            c.reply().integer(ZsetAlgebra.intersectionSize(inputs, limit));
            return;
        }
        SortedSet result = switch (op) {
            case UNION -> ZsetAlgebra.union(inputs, weights, aggregate);
            case INTER -> ZsetAlgebra.intersection(inputs, weights, aggregate);
            case DIFF -> ZsetAlgebra.difference(inputs);
        };
        if (store) {
            result.convertToListpackIfSmall(zsets.maxEntries(), zsets.maxValue());
            String event = switch (op) {
                case UNION -> "zunionstore";
                case INTER -> "zinterstore";
                case DIFF -> "zdiffstore";
            };
            ranges.storeResult(c, a, 1, result, event);
            return;
        }
        ReplyWriter r = c.reply();
        boolean scores = withScores;
        SortedSetCommands.elementsHeader(r, result.size(), scores);
        result.forEach((m, s) -> SortedSetCommands.element(r, m, s, scores));
    }
}
