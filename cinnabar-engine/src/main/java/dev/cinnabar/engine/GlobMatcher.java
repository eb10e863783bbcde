package dev.cinnabar.engine;

/**
 * Glob-style matching with exactly Redis's rules (stringmatchlen), used by KEYS, SCAN MATCH,
 * pub/sub patterns and CONFIG GET: {@code *} any run of bytes, {@code ?} one byte,
 * {@code [abc]} / {@code [^abc]} / {@code [a-z]} byte classes (a reversed range is swapped, a
 * class left open at the end of the pattern still matches), and {@code \} to escape the next
 * byte. Bytes compare as signed chars, as they do in C on x86, so ranges over bytes above 0x7f
 * behave the same as in Redis.
 *
 * <p>Like Redis, a pattern that fails to match after a {@code *} stops trying longer matches for
 * earlier stars (so patterns such as {@code a*a*a*a*b} cannot take exponential time), and the
 * recursion depth is limited.
 */
public final class GlobMatcher {
    private static final int MAX_NESTING = 1000;

    private GlobMatcher() {}

    public static boolean matches(byte[] pattern, byte[] string, boolean ignoreCase) {
        return matches(pattern, 0, pattern.length, string, 0, string.length, ignoreCase);
    }

    public static boolean matches(byte[] pattern, int patternOffset, int patternLength,
                                  byte[] string, int stringOffset, int stringLength, boolean ignoreCase) {
        boolean[] skipLongerMatches = new boolean[1];
        return match(pattern, patternOffset, patternLength, string, stringOffset, stringLength, ignoreCase,
                skipLongerMatches, 0);
    }

    /** Convenience for ASCII patterns and names (CONFIG GET, COMMAND LIST FILTERBY PATTERN). */
    public static boolean matches(String pattern, String string, boolean ignoreCase) {
        return matches(pattern.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                string.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), ignoreCase);
    }

    private static int lower(int c) {
        return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    }

    private static boolean match(byte[] p, int pi, int plen, byte[] s, int si, int slen, boolean nocase,
                                 boolean[] skipLongerMatches, int nesting) {
        if (nesting > MAX_NESTING) {
            return false;
        }
        while (plen > 0 && slen > 0) {
            switch (p[pi]) {
                case '*': {
                    while (plen > 1 && p[pi + 1] == '*') {
                        pi++;
                        plen--;
                    }
                    if (plen == 1) {
                        return true;
                    }
                    while (slen > 0) {
                        if (match(p, pi + 1, plen - 1, s, si, slen, nocase, skipLongerMatches, nesting + 1)) {
                            return true;
                        }
                        if (skipLongerMatches[0]) {
                            return false;
                        }
                        si++;
                        slen--;
                    }
                    // No match for the rest of the pattern anywhere in the rest of the string:
                    // trying longer matches for earlier stars cannot help either.
                    skipLongerMatches[0] = true;
                    return false;
                }
                case '?':
                    si++;
                    slen--;
                    break;
                case '[': {
                    pi++;
                    plen--;
                    boolean not = plen > 0 && p[pi] == '^';
                    if (not) {
                        pi++;
                        plen--;
                    }
                    boolean matched = false;
                    while (true) {
                        if (plen >= 2 && p[pi] == '\\') {
                            pi++;
                            plen--;
                            if (p[pi] == s[si]) {
                                matched = true;
                            }
                        } else if (plen == 0) {
                            // An unterminated class: step back so the outer advance ends the pattern.
                            pi--;
                            plen++;
                            break;
                        } else if (p[pi] == ']') {
                            break;
                        } else if (plen >= 3 && p[pi + 1] == '-') {
                            int start = p[pi];
                            int end = p[pi + 2];
                            int c = s[si];
                            if (start > end) {
                                int t = start;
                                start = end;
                                end = t;
                            }
                            if (nocase) {
                                start = lower(start);
                                end = lower(end);
                                c = lower(c);
                            }
                            pi += 2;
                            plen -= 2;
                            if (c >= start && c <= end) {
                                matched = true;
                            }
                        } else if (nocase ? lower(p[pi]) == lower(s[si]) : p[pi] == s[si]) {
                            matched = true;
                        }
                        pi++;
                        plen--;
                    }
                    if (not) {
                        matched = !matched;
                    }
                    if (!matched) {
                        return false;
                    }
                    si++;
                    slen--;
                    break;
                }
                case '\\':
                    if (plen >= 2) {
                        pi++;
                        plen--;
                    }
                    // fall through to a literal comparison of the escaped byte
                default:
                    if (nocase ? lower(p[pi]) != lower(s[si]) : p[pi] != s[si]) {
                        return false;
                    }
                    si++;
                    slen--;
                    break;
            }
            pi++;
            plen--;
            if (slen == 0) {
                while (plen > 0 && p[pi] == '*') {
                    pi++;
                    plen--;
                }
                break;
            }
        }
        return plen == 0 && slen == 0;
    }
}
