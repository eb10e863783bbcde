package dev.cinnabar.server;

import dev.cinnabar.server.client.Client;

/**
 * The one-line client description of CLIENT LIST and CLIENT INFO, with Redis 7's fields in
 * Redis's order (plus 7.2's lib-name and lib-ver, since CLIENT SETINFO is supported).
 */
public final class ClientDescriptions {
    private ClientDescriptions() {}

    public static String describe(Server server, Client c, long nowMillis) {
        long queryBuffer = c.decoder().pendingBytes();
        long argvMemory = c.args().totalBytes();
        long output = c.reply().pendingBytes();
        long outboundMemory = Math.max(0, c.outputBytes() - output);
        long totalMemory = 16384 + queryBuffer + argvMemory + c.outputBytes() + 1024;
        StringBuilder sb = new StringBuilder(320);
        sb.append("id=").append(c.id())
                .append(" addr=").append(c.remoteAddress())
                .append(" laddr=").append(c.localAddress())
                .append(" fd=").append(c.fd())
                .append(" name=").append(c.name())
                .append(" age=").append((nowMillis - c.createdMillis()) / 1000)
                .append(" idle=").append((nowMillis - c.lastInteractionMillis()) / 1000)
                .append(" flags=").append(c.flagLetters())
                .append(" db=").append(c.database())
                .append(" sub=").append(c.isSubscribed() ? c.subscriptions().channels().size() : 0)
                .append(" psub=").append(c.isSubscribed() ? c.subscriptions().patterns().size() : 0)
                .append(" ssub=").append(c.isSubscribed() ? c.subscriptions().shardChannels().size() : 0)
                .append(" multi=").append(c.inMulti() ? c.queuedCommands().size() : -1)
                .append(" qbuf=").append(queryBuffer)
                .append(" qbuf-free=").append(Math.max(0, 16384 - queryBuffer))
                .append(" argv-mem=").append(argvMemory)
                .append(" multi-mem=0")
                .append(" rbs=16384 rbp=16384")
                .append(" obl=").append(output)
                .append(" oll=").append(outboundMemory > 0 ? 1 : 0)
                .append(" omem=").append(outboundMemory)
                .append(" tot-mem=").append(totalMemory)
                .append(" events=").append(c.outputBytes() > 0 ? "rw" : "r")
                .append(" cmd=").append(c.lastCommand() == null ? "NULL" : c.lastCommand().fullName())
                .append(" user=default")
                .append(" redir=").append(c.tracking() == null ? -1 : c.tracking().redirect)
                .append(" resp=").append(c.protocol())
                .append(" lib-name=").append(c.libraryName())
                .append(" lib-ver=").append(c.libraryVersion());
        return sb.toString();
    }
}
