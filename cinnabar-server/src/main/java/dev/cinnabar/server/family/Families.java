package dev.cinnabar.server.family;

import dev.cinnabar.server.Server;
import dev.cinnabar.server.command.CommandTable;

/**
 * The explicit list of command families (no classpath scanning): each family's spec resource is
 * loaded into the command table and the family binds a handler to every command it declares.
 */
public final class Families {
    private Families() {}

    public static void registerAll(Server server, CommandTable table) {
        table.load(
                "connection.spec",
                "client.spec",
                "server.spec",
                "config.spec",
                "introspection.spec",
                "diagnostics.spec",
                "debug.spec",
                "keys.spec",
                "expire.spec",
                "string.spec",
                "bitmap.spec",
                "transactions.spec",
                "pubsub.spec",
                "hash.spec",
                "list.spec",
                "set.spec",
                "sort.spec",
                "zset.spec");
        new ConnectionCommands(server).register(table);
        new ClientCommands(server).register(table);
        new ServerCommands(server).register(table);
        new ConfigCommands(server).register(table);
        new IntrospectionCommands(server).register(table);
        new DiagnosticsCommands(server).register(table);
        new DebugCommands(server).register(table);
        new KeyCommands(server).register(table);
        new ExpireCommands(server).register(table);
        new StringCommands(server).register(table);
        new BitmapCommands(server).register(table);
        new TransactionCommands(server).register(table);
        new PubSubCommands(server).register(table);
        new TrackingCommands(server).register(table);
        new HashCommands(server).register(table);
        new HashFieldExpiryCommands(server).register(table);
        new ListCommands(server).register(table);
        new ListPopCommands(server).register(table);
        new SetCommands(server).register(table);
        new SetOperationCommands(server).register(table);
        new SortCommands(server).register(table);
        SortedSetCommands zsets = new SortedSetCommands(server);
        zsets.register(table);
        SortedSetRangeCommands zsetRanges = new SortedSetRangeCommands(server, zsets);
        zsetRanges.register(table);
        new SortedSetAlgebraCommands(server, zsets, zsetRanges).register(table);
    }
}
