#!/usr/bin/env python3
"""Prints command-table blocks (see cinnabar-server/src/main/resources/dev/cinnabar/commands/README.md)
holding the facts of the given commands as a running redis-server reports them through
COMMAND INFO and COMMAND DOCS: arity, flags, key positions and specs, ACL categories, tips,
group, since, complexity and the argument tree.

The summary line is left as '?' on purpose: summaries are written by hand, in our own words.

    tools/spec-facts.py --port 7000 get set 'client|kill'
"""
import argparse
import socket


class Connection:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.file = self.sock.makefile("rb")
        self.call("HELLO", "3")

    def call(self, *args):
        out = b"*%d\r\n" % len(args)
        for a in args:
            a = a.encode()
            out += b"$%d\r\n%s\r\n" % (len(a), a)
        self.sock.sendall(out)
        return self.read()

    def read(self):
        line = self.file.readline()[:-2]
        kind, rest = chr(line[0]), line[1:]
        if kind in "+":
            return rest.decode()
        if kind == "-":
            raise RuntimeError(rest.decode())
        if kind == ":":
            return int(rest)
        if kind == "$":
            n = int(rest)
            return None if n < 0 else self.file.read(n + 2)[:-2].decode()
        if kind in "*~":
            return [self.read() for _ in range(int(rest))]
        if kind == "%":
            result = {}
            for _ in range(int(rest)):
                k = self.read()
                result[k] = self.read()
            return result
        if kind == "_":
            return None
        raise RuntimeError("unexpected reply type " + kind)


def quote(value):
    value = str(value)
    if value == "" or any(c.isspace() or c == '"' for c in value):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def key_spec_line(spec):
    parts = ["keyspec", " ".join(spec["flags"]), "|"]
    begin = spec["begin_search"]
    if begin["type"] == "index":
        parts.append("index %d" % begin["spec"]["index"])
    elif begin["type"] == "keyword":
        parts.append("keyword %s %d" % (quote(begin["spec"]["keyword"]), begin["spec"]["startfrom"]))
    else:
        parts.append("unknown")
    parts.append("|")
    find = spec["find_keys"]
    if find["type"] == "range":
        s = find["spec"]
        parts.append("range %d %d %d" % (s["lastkey"], s["keystep"], s["limit"]))
    elif find["type"] == "keynum":
        s = find["spec"]
        parts.append("keynum %d %d %d" % (s["keynumidx"], s["firstkey"], s["keystep"]))
    else:
        parts.append("unknown")
    return " ".join(parts)


def argument_lines(args, depth, out):
    for a in args:
        words = [quote(a["name"]), a["type"]]
        if "key_spec_index" in a:
            words.append("key_spec=%d" % a["key_spec_index"])
        if "token" in a:
            words.append("token=%s" % quote(a["token"]))
        if "since" in a:
            words.append("since=%s" % a["since"])
        if "deprecated_since" in a:
            words.append("deprecated_since=%s" % a["deprecated_since"])
        words.extend(a.get("flags", []))
        out.append("  " * depth + " ".join(words))
        argument_lines(a.get("arguments", []), depth + 1, out)


def block(info, docs):
    name = info[0]
    out = ["command " + name, "summary ?"]
    out.append("group " + docs["group"])
    out.append("since " + docs["since"])
    if "complexity" in docs:
        out.append("complexity " + docs["complexity"])
    if "doc_flags" in docs:
        out.append("docflags " + " ".join(docs["doc_flags"]))
    if "deprecated_since" in docs:
        out.append("deprecated_since " + docs["deprecated_since"])
    if "replaced_by" in docs:
        out.append("replaced_by " + docs["replaced_by"])
    out.append("arity %d" % info[1])
    if info[2]:
        out.append("flags " + " ".join(info[2]))
    out.append("acl " + " ".join(c.lstrip("@") for c in info[6]))
    if info[3] or info[4] or info[5]:
        out.append("keys %d %d %d" % (info[3], info[4], info[5]))
    if info[7]:
        out.append("tips " + " ".join(info[7]))
    for spec in info[8]:
        out.append(key_spec_line(spec))
    if docs.get("arguments"):
        out.append("args")
        argument_lines(docs["arguments"], 1, out)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=6379)
    parser.add_argument("commands", nargs="+")
    options = parser.parse_args()
    conn = Connection(options.port)
    for name in options.commands:
        parent = name.split("|")[0]
        infos = conn.call("COMMAND", "INFO", parent)
        docs = conn.call("COMMAND", "DOCS", parent)
        if not infos or infos[0] is None:
            raise SystemExit("unknown command " + name)
        info, doc = infos[0], docs[parent]
        if "|" in name:
            info = next(s for s in info[9] if s[0] == name)
            doc = doc["subcommands"][name]
        print("\n".join(block(info, doc)))
        print()


if __name__ == "__main__":
    main()
