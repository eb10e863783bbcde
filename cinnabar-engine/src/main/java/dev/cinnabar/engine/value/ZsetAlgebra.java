package dev.cinnabar.engine.value;

import dev.cinnabar.engine.table.Dict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Union, intersection and difference of sorted sets (and plain sets, whose members score 1), with
 * Redis's arithmetic: each input's scores are multiplied by its weight (a product that is NaN,
 * such as inf * 0, counts as 0), and a member's scores are combined with SUM (inf + -inf counts
 * as 0), MIN or MAX. Inputs are processed from the smallest to the largest, as Redis orders them,
 * so floating-point sums come out bit for bit the same. Missing keys are empty inputs (null).
 */
public final class ZsetAlgebra {
    private ZsetAlgebra() {}

    public enum Aggregate { SUM, MIN, MAX }

    private record Input(ScoredMembers members, double weight) {
        long size() {
            return members == null ? 0 : members.size();
        }
    }

    /** The inputs with their weights, smallest first (a stable sort, as glibc's qsort is here). */
    private static List<Input> bySize(List<ScoredMembers> inputs, double[] weights) {
        List<Input> list = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            list.add(new Input(inputs.get(i), weights == null ? 1.0 : weights[i]));
        }
        list.sort(Comparator.comparingLong(Input::size));
        return list;
    }

    static double aggregate(double target, double value, Aggregate aggregate) {
        return switch (aggregate) {
            case SUM -> {
                double sum = target + value;
                yield Double.isNaN(sum) ? 0.0 : sum;
            }
            case MIN -> value < target ? value : target;
            case MAX -> value > target ? value : target;
        };
    }

    /** ZUNION: every member of any input, its weighted scores aggregated. */
    public static SortedSet union(List<ScoredMembers> inputs, double[] weights, Aggregate aggregate) {
        Dict accumulator = new Dict();
        List<byte[]> order = new ArrayList<>();
        for (Input input : bySize(inputs, weights)) {
            if (input.size() == 0) {
                continue;
            }
            input.members.forEach((member, score) -> {
                double weighted = input.weight * score;
                if (Double.isNaN(weighted)) {
                    weighted = 0;
                }
                Dict.Entry e = accumulator.find(member);
                if (e == null) {
                    accumulator.addAbsent(member, new double[] {weighted});
                    order.add(member);
                } else {
                    double[] total = (double[]) e.value();
                    total[0] = aggregate(total[0], weighted, aggregate);
                }
            });
        }
        SortedSet result = SortedSet.skiplistEncoded();
        double[] ignored = new double[1];
        for (byte[] member : order) {
            double score = ((double[]) accumulator.find(member).value())[0];
            result.add(member, 0, member.length, score, 0, ignored, 0, Long.MAX_VALUE);
        }
        return result;
    }

    /** ZINTER: the members of every input, their weighted scores aggregated. */
    public static SortedSet intersection(List<ScoredMembers> inputs, double[] weights, Aggregate aggregate) {
        SortedSet result = SortedSet.skiplistEncoded();
        double[] ignored = new double[1];
        intersect(inputs, weights, aggregate, 0, (member, score) ->
                result.add(member, 0, member.length, score, 0, ignored, 0, Long.MAX_VALUE));
        return result;
    }

    /** ZINTERCARD: the size of the intersection, counting no further than {@code limit} (0: no limit). */
    public static long intersectionSize(List<ScoredMembers> inputs, long limit) {
        long[] count = {0};
        intersect(inputs, null, Aggregate.SUM, limit, (member, score) -> count[0]++);
        return count[0];
    }

    private static void intersect(List<ScoredMembers> inputs, double[] weights, Aggregate aggregate, long limit,
                                  SortedSet.Visitor out) {
        List<Input> sorted = bySize(inputs, weights);
        Input first = sorted.get(0);
        if (first.size() == 0) {
            return;
        }
        long[] found = {0};
        // Stop early (ZINTERCARD's LIMIT) by throwing out of the iteration.
        try {
            first.members.forEach((member, score) -> {
                double total = first.weight * score;
                if (Double.isNaN(total)) {
                    total = 0;
                }
                for (int j = 1; j < sorted.size(); j++) {
                    Input other = sorted.get(j);
                    double value;
                    if (other.members == first.members) {
                        value = score * other.weight;
                    } else {
                        double s = other.members.scoreOf(member);
                        if (Double.isNaN(s)) {
                            return;
                        }
                        value = s * other.weight;
                    }
                    total = aggregate(total, value, aggregate);
                }
                out.visit(member, total);
                if (limit > 0 && ++found[0] >= limit) {
                    throw Stop.INSTANCE;
                }
            });
        } catch (Stop stop) {
            // limit reached
        }
    }

    /** ZDIFF: the members of the first input that no other input holds, with their first scores. */
    public static SortedSet difference(List<ScoredMembers> inputs) {
        SortedSet result = SortedSet.skiplistEncoded();
        ScoredMembers first = inputs.get(0);
        if (first == null || first.size() == 0) {
            return result;
        }
        double[] ignored = new double[1];
        first.forEach((member, score) -> {
            for (int j = 1; j < inputs.size(); j++) {
                ScoredMembers other = inputs.get(j);
                if (other != null && (other == first || !Double.isNaN(other.scoreOf(member)))) {
                    return;
                }
            }
            result.add(member, 0, member.length, score, 0, ignored, 0, Long.MAX_VALUE);
        });
        return result;
    }

    /** Ends an iteration early. */
    private static final class Stop extends RuntimeException {
        static final Stop INSTANCE = new Stop();

        private Stop() {
            super(null, null, false, false);
        }
    }
}
