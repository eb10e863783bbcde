package dev.cinnabar.server.family;

import java.util.Comparator;

/**
 * Redis's pqsort: Bentley and McIlroy's quicksort ("Engineering a Sort Function", by way of
 * NetBSD's qsort) that does not descend into partitions lying wholly outside the range of
 * positions {@code [from, to]}, so that SORT ... BY ... LIMIT sorts only what it returns. It is
 * reproduced step for step because it is not stable: elements that compare equal (ALPHA with a BY
 * pattern) end in the same positions as in Redis only if the same swaps are made.
 */
final class PartialQuicksort {
    private PartialQuicksort() {}

    static <T> void sort(T[] a, Comparator<? super T> cmp, int from, int to) {
        if (a.length > 1) {
            sort(a, 0, a.length, cmp, from, to);
        }
    }

    private static <T> void sort(T[] a, int base, int n, Comparator<? super T> cmp, int from, int to) {
        while (true) {
            if (n < 7) {
                for (int m = base + 1; m < base + n; m++) {
                    for (int l = m; l > base && cmp.compare(a[l - 1], a[l]) > 0; l--) {
                        swap(a, l, l - 1);
                    }
                }
                return;
            }
            int m = base + n / 2;
            if (n > 7) {
                int l = base;
                int last = base + n - 1;
                if (n > 40) {
                    int d = n / 8;
                    l = median(a, l, l + d, l + 2 * d, cmp);
                    m = median(a, m - d, m, m + d, cmp);
                    last = median(a, last - 2 * d, last - d, last, cmp);
                }
                m = median(a, l, m, last, cmp);
            }
            swap(a, base, m);
            int pa = base + 1;
            int pb = pa;
            int pc = base + n - 1;
            int pd = pc;
            while (true) {
                int r;
                while (pb <= pc && (r = cmp.compare(a[pb], a[base])) <= 0) {
                    if (r == 0) {
                        swap(a, pa, pb);
                        pa++;
                    }
                    pb++;
                }
                while (pb <= pc && (r = cmp.compare(a[pc], a[base])) >= 0) {
                    if (r == 0) {
                        swap(a, pc, pd);
                        pd--;
                    }
                    pc--;
                }
                if (pb > pc) {
                    break;
                }
                swap(a, pb, pc);
                pb++;
                pc--;
            }
            int end = base + n;
            int r = Math.min(pa - base, pb - pa);
            swapBlocks(a, base, pb - r, r);
            r = Math.min(pd - pc, end - pd - 1);
            swapBlocks(a, pb, end - r, r);
            if ((r = pb - pa) > 1 && overlaps(base, base + r - 1, from, to)) {
                sort(a, base, r, cmp, from, to);
            }
            if ((r = pd - pc) > 1) {
                // The second partition is sorted by looping rather than recursing, as in Redis.
                base = end - r;
                n = r;
                if (overlaps(base, base + r - 1, from, to)) {
                    continue;
                }
            }
            return;
        }
    }

    /** Whether positions [first, last] hold any part of the range [from, to]. */
    private static boolean overlaps(int first, int last, int from, int to) {
        return !((from < first && to < first) || (from > last && to > last));
    }

    private static <T> int median(T[] a, int x, int y, int z, Comparator<? super T> cmp) {
        return cmp.compare(a[x], a[y]) < 0
                ? (cmp.compare(a[y], a[z]) < 0 ? y : (cmp.compare(a[x], a[z]) < 0 ? z : x))
                : (cmp.compare(a[y], a[z]) > 0 ? y : (cmp.compare(a[x], a[z]) < 0 ? x : z));
    }

    private static <T> void swap(T[] a, int i, int j) {
        T t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private static <T> void swapBlocks(T[] a, int i, int j, int n) {
        for (int k = 0; k < n; k++) {
            swap(a, i + k, j + k);
        }
    }
}
