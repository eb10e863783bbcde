package dev.cinnabar.server.command;

/** ACL categories, in the order Redis 7 prints them. */
public enum AclCategory {
    KEYSPACE, READ, WRITE, SET, SORTEDSET, LIST, HASH, STRING, BITMAP, HYPERLOGLOG, GEO, STREAM,
    PUBSUB, ADMIN, FAST, SLOW, BLOCKING, DANGEROUS, CONNECTION, TRANSACTION, SCRIPTING;

    public String wireName() {
        return "@" + name().toLowerCase();
    }

    public String plainName() {
        return name().toLowerCase();
    }

    public long bit() {
        return 1L << ordinal();
    }

    public static AclCategory fromName(String name) {
        String n = name.startsWith("@") ? name.substring(1) : name;
        for (AclCategory c : values()) {
            if (c.plainName().equalsIgnoreCase(n)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown ACL category '" + name + "'");
    }
}
