package dev.cinnabar.resp;

/**
 * Splits an inline request line into arguments with the quoting rules of redis-cli and Redis's
 * sdssplitargs: whitespace separates arguments; "double quotes" understand \n \r \t \b \a, \xHH
 * and backslash-escaped characters; 'single quotes' understand only \'; a closing quote must be
 * followed by whitespace or the end of the line; quotes may start in the middle of an argument.
 * The same rules are used for redis.conf lines.
 */
public final class InlineSplitter {
    private InlineSplitter() {}

    /** Receives each argument found in a line. */
    public interface Sink {
        void argument(byte[] bytes, int off, int len);
    }

    /** Splits {@code line[0, length)} into {@code arguments}; false on unbalanced quotes. */
    public static boolean split(byte[] line, int length, CommandArguments arguments) {
        return split(line, length, arguments::add);
    }

    /** Splits {@code line[0, length)}, handing each argument to {@code sink}; false on unbalanced quotes. */
    public static boolean split(byte[] line, int length, Sink sink) {
        // Redis splits a C string: a NUL byte ends the line.
        for (int i = 0; i < length; i++) {
            if (line[i] == 0) {
                length = i;
                break;
            }
        }
        byte[] current = new byte[Math.max(16, length)];
        int p = 0;
        while (true) {
            while (p < length && isSpace(line[p])) {
                p++;
            }
            if (p >= length) {
                return true;
            }
            int n = 0;
            boolean inDoubleQuotes = false;
            boolean inSingleQuotes = false;
            boolean done = false;
            while (!done) {
                if (inDoubleQuotes) {
                    if (p >= length) {
                        return false;
                    }
                    byte c = line[p];
                    if (c == '\\' && p + 3 < length && line[p + 1] == 'x' && isHex(line[p + 2]) && isHex(line[p + 3])) {
                        current[n++] = (byte) (hexValue(line[p + 2]) * 16 + hexValue(line[p + 3]));
                        p += 3;
                    } else if (c == '\\' && p + 1 < length) {
                        p++;
                        current[n++] = switch (line[p]) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> 7;
                            default -> line[p];
                        };
                    } else if (c == '"') {
                        // The closing quote must be followed by a space or nothing.
                        if (p + 1 < length && !isSpace(line[p + 1])) {
                            return false;
                        }
                        done = true;
                    } else {
                        current[n++] = c;
                    }
                } else if (inSingleQuotes) {
                    if (p >= length) {
                        return false;
                    }
                    byte c = line[p];
                    if (c == '\\' && p + 1 < length && line[p + 1] == '\'') {
                        p++;
                        current[n++] = '\'';
                    } else if (c == '\'') {
                        if (p + 1 < length && !isSpace(line[p + 1])) {
                            return false;
                        }
                        done = true;
                    } else {
                        current[n++] = c;
                    }
                } else {
                    if (p >= length) {
                        break;
                    }
                    byte c = line[p];
                    switch (c) {
                        case ' ', '\n', '\r', '\t' -> done = true;
                        case '"' -> inDoubleQuotes = true;
                        case '\'' -> inSingleQuotes = true;
                        default -> current[n++] = c;
                    }
                }
                if (p < length) {
                    p++;
                }
            }
            sink.argument(current, 0, n);
        }
    }

    /** C's isspace in the "C" locale. */
    static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c;
    }

    private static boolean isHex(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int hexValue(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c - 'A' + 10;
    }
}
