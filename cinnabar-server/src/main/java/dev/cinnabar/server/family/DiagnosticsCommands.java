package dev.cinnabar.server.family;

import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.resp.ReplyWriter;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;
import dev.cinnabar.server.stats.LatencyMonitor;
import dev.cinnabar.server.stats.Slowlog;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** SLOWLOG and LATENCY. */
final class DiagnosticsCommands extends CommandFamily {

    DiagnosticsCommands(Server server) {
        super(server);
    }

    @Override
    void bindAll() {
        bind("slowlog|get", this::slowlogGet);
        bind("slowlog|len", (c, a) -> c.reply().integer(server.slowlog().length()));
        bind("slowlog|reset", (c, a) -> {
            server.slowlog().reset();
            c.reply().ok();
        });
        bind("slowlog|help", (c, a) -> help(c, "SLOWLOG", SLOWLOG_HELP));
        bind("latency|latest", this::latencyLatest);
        bind("latency|history", this::latencyHistory);
        bind("latency|reset", this::latencyReset);
        bind("latency|help", (c, a) -> help(c, "LATENCY", LATENCY_HELP));
    }

    private void slowlogGet(Client c, CommandArguments a) {
        long count = 10;
        if (a.count() == 3) {
            if (!a.isLong(2) || a.longValue(2) < -1) {
                c.reply().error("ERR count should be greater than or equal to -1");
                return;
            }
            count = a.longValue(2);
            if (count == -1) {
                count = Long.MAX_VALUE;
            }
        } else if (a.count() > 3) {
            subcommandSyntaxError(c, a, "SLOWLOG");
            return;
        }
        long n = Math.min(count, server.slowlog().length());
        ReplyWriter r = c.reply();
        r.arrayHeader(n);
        Iterator<Slowlog.Entry> it = server.slowlog().iterator();
        for (long i = 0; i < n; i++) {
            Slowlog.Entry e = it.next();
            r.arrayHeader(6);
            r.integer(e.id());
            r.integer(e.unixSeconds());
            r.integer(e.microseconds());
            r.arrayHeader(e.arguments().length);
            for (byte[] arg : e.arguments()) {
                r.bulk(arg);
            }
            r.bulkAscii(e.peer());
            r.bulkAscii(e.clientName());
        }
    }

    private void latencyLatest(Client c, CommandArguments a) {
        Map<String, LatencyMonitor.Series> events = server.latencyMonitor().events();
        ReplyWriter r = c.reply();
        r.arrayHeader(events.size());
        for (Map.Entry<String, LatencyMonitor.Series> e : events.entrySet()) {
            LatencyMonitor.Sample latest = e.getValue().latest();
            r.arrayHeader(4);
            r.bulkAscii(e.getKey());
            r.integer(latest.unixSeconds());
            r.integer(latest.milliseconds());
            r.integer(e.getValue().max());
        }
    }

    private void latencyHistory(Client c, CommandArguments a) {
        LatencyMonitor.Series series = server.latencyMonitor().events().get(a.string(2));
        ReplyWriter r = c.reply();
        if (series == null) {
            r.arrayHeader(0);
            return;
        }
        List<LatencyMonitor.Sample> samples = new ArrayList<>();
        series.oldestFirst().forEachRemaining(samples::add);
        r.arrayHeader(samples.size());
        for (LatencyMonitor.Sample s : samples) {
            r.arrayHeader(2);
            r.integer(s.unixSeconds());
            r.integer(s.milliseconds());
        }
    }

    private void latencyReset(Client c, CommandArguments a) {
        List<String> names = new ArrayList<>();
        for (int i = 2; i < a.count(); i++) {
            names.add(a.string(i));
        }
        c.reply().integer(server.latencyMonitor().reset(names));
    }

    private static final List<String> SLOWLOG_HELP = List.of(
            "GET [<count>]",
            "    The <count> most recent slow commands (10 by default, -1 for all), newest first. Each entry",
            "    holds an id, a Unix time, the duration in microseconds, the arguments, the client address",
            "    and the client name.",
            "LEN",
            "    Number of entries in the slow log.",
            "RESET",
            "    Empty the slow log.");

    private static final List<String> LATENCY_HELP = List.of(
            "LATEST",
            "    For each event with samples: the time and latency of the latest sample and the worst latency.",
            "HISTORY <event>",
            "    The samples of an event as (unix time, milliseconds) pairs, oldest first.",
            "RESET [<event> ...]",
            "    Forget the samples of the given events, or of all of them.");
}
