#!/usr/bin/env python3
"""Generates src/test/resources/oracle/incrbyfloat.tsv, LongDoubleTest's table, from a real redis-server.

Usage: python3 generate_incrbyfloat_table.py 7401 > ../resources/oracle/incrbyfloat.tsv

Each line is: stored value (or "(none)" for a missing key) TAB increment TAB reply, where the reply
is the new value or "!" and the error message. Uses key "f" in database 14.
"""
import random
import sys

from resp import Resp, RespError

SEED = 20250108
NONE = "(none)"

PARSE_CASES = [
    "0", "1", "-1", "+1", "1.5", "-1.5", ".5", "+.5", "-.5", "5.", "1.e1", "1e5", "1E5", "1e+5", "1e-5", "-.5e-0",
    "1.5e10", "0.1", "0.2", "0.3", "1.1", "3.0000000000000001", "0.30000000000000004",
    "0x10", "0X1A", "0x1p3", "0x1P+3", "0x1p-2", "0x1.8p1", "0x.8", "0x1.", "0x1.p1", "-0x10", "+0x10", "0xABCDEFp-4",
    "123456789012345678901234567890", "18446744073709551615", "18446744073709551616", "18446744073709551617",
    "9223372036854775807", "-9223372036854775808", "1e20", "1e19", "1e-20", "-1e-20", "6e-18", "-6e-18",
    "0.000000000000000005", "0.000000000000000015", "0.000000000000000025", "-0.000000000000000025",
    "1e308", "1e309", "1e4931", "1e4932", "1.18e4932", "1.19e4932", "1e5000", "-1e5000",
    "1e-4932", "1e-4940", "3.7e-4951", "3e-4951", "2e-4951", "1.9e-4951", "1.8e-4951", "1e-4951", "1e-5000",
    "0e-99999", "0e99999", "0x0p-99999999999", "0x1p-16445", "0x1p-16446", "0x1.8p-16446", "0x1p-99999999999",
    "0x1p99999999999", "0x1p16383", "0x1p16384", "0x1.fffffffffffffffep16383", "0x1.ffffffffffffffffp16383",
    "-0", "+0", "-0.0", "0.0", "00012", "1_0", "0x", "0x.", "0xg", ".", "-", "+", "e1", ".e1", "1e", "1e+", "1e-",
    "1.2.3", "1e1.5", "--1", "+-1", "1-", "nan", "NaN", "-nan", "nan(1)", "inf", "-inf", "+inf", "infinity",
    "INF", "Infinity", "-Infinity", "infinit", "0x1p+-3", "0x1p3+", "0x1p++3", "0x.p1", "0e-99999999999",
    "0e99999999999", "0.000e-99999999999999999999", "0x0p99999999999", "0x0.0p-5", "1e-2000000", "1e2000000",
    "0x1p-200000000", "0x1p200000000", "1e-4952", "9.9e-4952", "1.1e4932", "1.2e4932", "1e+0004932", "0X1P-0016445",
    "0.0000000000000000000000000000000000000000001e-4908", "100000000000000000000000000000000e-4983",
    "0.0000000000000000000000000000000000000000002e-4908", "200000000000000000000000000000000e-4983", " 1", "1 ", "\x0b1", "\x0c1", "", "1f", "1d", "1L", "0b1", "1,5", "\xb2", "1\xa0",
]

STORED_CASES = ["10", "-10", "0", "3.0", "1e3", "0x10", " 1", "abc", "", "1.5e10", "inf", "-inf", "nan", "1e4932",
                "-0", "9223372036854775807", "18446744073709551616"]


def random_decimal(rnd):
    digits = "".join(rnd.choice("0123456789") for _ in range(rnd.randint(1, 22)))
    point = rnd.randint(0, len(digits))
    text = digits[:point] + "." + digits[point:] if rnd.random() < 0.8 else digits
    if text.startswith(".") and rnd.random() < 0.5:
        text = "0" + text
    if rnd.random() < 0.3:
        text += rnd.choice("eE") + rnd.choice(["", "+", "-"]) + str(rnd.randint(0, 25))
    if rnd.random() < 0.4:
        text = "-" + text
    return text


def random_hex(rnd):
    digits = "".join(rnd.choice("0123456789abcdef") for _ in range(rnd.randint(1, 20)))
    point = rnd.randint(0, len(digits))
    text = "0x" + digits[:point] + "." + digits[point:] + "p" + str(rnd.randint(-70, 70))
    return ("-" if rnd.random() < 0.3 else "") + text


def main():
    # The table is Latin-1, one byte per character, as the test reads it and as Redis saw it.
    sys.stdout.reconfigure(encoding="latin-1")
    port = int(sys.argv[1])
    r = Resp(port)
    rnd = random.Random(SEED)
    r.call("SELECT", "14")
    cases = []

    def run(stored, increment):
        r.call("DEL", "f")
        if stored != NONE:
            assert r.call("SET", "f", stored) == b"OK"
        reply = r.call("INCRBYFLOAT", "f", increment)
        text = "!" + reply if isinstance(reply, RespError) else reply.decode("latin-1")
        cases.append((stored, increment, text))
        return None if isinstance(reply, RespError) else text

    for c in PARSE_CASES:
        run(NONE, c)
        run(c, "0")
        run("1", c)
    for s in STORED_CASES:
        for inc in ("0.1", "-1", "inf", "1e4932", "-1e4932"):
            run(s, inc)
    for _ in range(1500):
        a = random_decimal(rnd) if rnd.random() < 0.9 else random_hex(rnd)
        b = random_decimal(rnd) if rnd.random() < 0.9 else random_hex(rnd)
        run(a, b)
    # Chains: each step stores Redis's previous result, as INCRBYFLOAT on the same key does.
    for start, step, n in (("0", "0.1", 40), ("0", "1.1", 40), ("1", "-0.3", 20), ("1e20", "1", 5),
                           ("0", "0.0000001", 30), ("10.5", "0.1", 10), ("5.0e3", "2.0e2", 5),
                           ("18446744073709551614", "0.5", 6), ("0", "-0.7", 30)):
        value = start
        for _ in range(n):
            value = run(value, step)
    # Sums that land on rounding ties of the 64-bit significand.
    for _ in range(300):
        big = rnd.randint(2 ** 63, 2 ** 64 - 1)
        small = rnd.choice(["0.5", "1.5", "0.25", "0.75", "1", "2.5", "-0.5", "-1.5", "0.4999999999", "0.5000000001"])
        run(str(big), small)
        run(str(big * 2 ** rnd.randint(1, 8)), str(rnd.randint(1, 600)) + rnd.choice(["", ".5"]))

    print("# LongDoubleTest's table, generated by src/test/oracle/generate_incrbyfloat_table.py against redis-server "
          + r.call("INFO", "server").decode().split("redis_version:")[1].split()[0] + ".")
    print("# stored value (or (none)) TAB increment TAB reply (!error)")
    for stored, inc, reply in cases:
        for field in (stored, inc, reply):
            assert "\t" not in field and "\n" not in field and "\r" not in field, (stored, inc, reply)
        print("%s\t%s\t%s" % (stored, inc, reply))
    r.call("DEL", "f")


if __name__ == "__main__":
    main()
