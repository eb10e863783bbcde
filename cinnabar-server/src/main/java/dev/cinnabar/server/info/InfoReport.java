package dev.cinnabar.server.info;

import dev.cinnabar.engine.Database;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.pubsub.PubSubRegistry;
import dev.cinnabar.server.client.Client;
import dev.cinnabar.server.command.CommandSpec;
import dev.cinnabar.server.config.ServerConfig;
import dev.cinnabar.server.stats.ServerStats;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * The text of INFO: Redis 7.0's sections, in Redis's order, with Redis's field names so that
 * tooling written for Redis (redis_exporter, RedisInsight, redis-cli --stat) reads it. Fields hold
 * real values where Cinnabar has the figure and Redis's idle value where the feature does not
 * exist yet (for example the persistence counters before persistence exists).
 */
public final class InfoReport {
    /** Every section, in output order. */
    static final List<String> ALL_SECTIONS = List.of("server", "clients", "memory", "persistence", "stats",
            "replication", "cpu", "modules", "commandstats", "errorstats", "latencystats", "cluster", "keyspace");
    /** The sections of a plain INFO. */
    static final Set<String> DEFAULT_SECTIONS = Set.of("server", "clients", "memory", "persistence", "stats",
            "replication", "cpu", "modules", "errorstats", "cluster", "keyspace");

    private static volatile long peakMemory;

    private final Server server;
    private final Client client;
    private final StringBuilder out = new StringBuilder(4096);
    private int sections;

    public InfoReport(Server server, Client client) {
        this.server = server;
        this.client = client;
    }

    /** Renders the sections named by INFO's arguments (none means "default"). */
    public String render(CommandArguments args) {
        Set<String> wanted = new LinkedHashSet<>();
        if (args.count() == 1) {
            wanted.addAll(DEFAULT_SECTIONS);
        }
        for (int i = 1; i < args.count(); i++) {
            String name = args.lowerString(i);
            switch (name) {
                case "default" -> wanted.addAll(DEFAULT_SECTIONS);
                case "all", "everything" -> wanted.addAll(ALL_SECTIONS);
                default -> wanted.add(name);
            }
        }
        for (String section : ALL_SECTIONS) {
            if (wanted.contains(section)) {
                renderSection(section);
            }
        }
        return out.toString();
    }

    private void header(String title) {
        if (sections++ > 0) {
            out.append("\r\n");
        }
        out.append("# ").append(title).append("\r\n");
    }

    private void field(String name, Object value) {
        out.append(name).append(':').append(value).append("\r\n");
    }

    private void renderSection(String section) {
        switch (section) {
            case "server" -> server();
            case "clients" -> clients();
            case "memory" -> memory();
            case "persistence" -> persistence();
            case "stats" -> stats();
            case "replication" -> replication();
            case "cpu" -> cpu();
            case "modules" -> header("Modules");
            case "commandstats" -> commandStats();
            case "errorstats" -> errorStats();
            case "latencystats" -> latencyStats();
            case "cluster" -> {
                header("Cluster");
                field("cluster_enabled", 0);
            }
            case "keyspace" -> keyspace();
            default -> throw new IllegalStateException(section);
        }
    }

    private void server() {
        ServerConfig config = server.config();
        long nowMicros = System.currentTimeMillis() * 1000;
        header("Server");
        field("redis_version", Server.REDIS_VERSION);
        field("cinnabar_version", Server.CINNABAR_VERSION);
        field("redis_git_sha1", "00000000");
        field("redis_git_dirty", 0);
        field("redis_build_id", "0");
        field("redis_mode", "standalone");
        field("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + machineArch());
        field("arch_bits", 64);
        field("monotonic_clock", "JVM System.nanoTime");
        field("multiplexing_api", server.network().multiplexingApi());
        field("atomicvar_api", "jvm");
        field("gcc_version", "0.0.0");
        field("java_version", System.getProperty("java.version"));
        field("process_id", ProcessHandle.current().pid());
        field("process_supervised", "no");
        field("run_id", server.runId());
        field("tcp_port", config.port);
        field("server_time_usec", nowMicros);
        field("uptime_in_seconds", server.uptimeSeconds());
        field("uptime_in_days", server.uptimeSeconds() / 86400);
        field("hz", server.effectiveHz());
        field("configured_hz", config.hz);
        field("lru_clock", (System.currentTimeMillis() / 1000) & ((1 << 24) - 1));
        field("executable", System.getProperty("cinnabar.executable",
                ProcessHandle.current().info().command().orElse("")));
        field("config_file", config.configFile == null ? "" : config.configFile);
        field("io_threads_active", 0);
    }

    private static String machineArch() {
        String arch = System.getProperty("os.arch");
        return arch.equals("amd64") ? "x86_64" : arch;
    }

    private void clients() {
        header("Clients");
        field("connected_clients", server.clients().size());
        field("cluster_connections", 0);
        field("maxclients", server.config().maxClients);
        field("client_recent_max_input_buffer", 0);
        field("client_recent_max_output_buffer", 0);
        field("blocked_clients", server.pauses().postponedCount() + server.blocking().size());
        field("tracking_clients", server.tracking().trackingClients());
        field("clients_in_timeout_table", server.blocking().withTimeout());
    }

    private void memory() {
        long used = ProcessMetrics.heapUsedBytes();
        long rss = ProcessMetrics.residentBytes();
        peakMemory = Math.max(peakMemory, used);
        long system = ProcessMetrics.totalSystemMemory();
        long startup = 0;
        header("Memory");
        field("used_memory", used);
        field("used_memory_human", ProcessMetrics.human(used));
        field("used_memory_rss", rss);
        field("used_memory_rss_human", ProcessMetrics.human(rss));
        field("used_memory_peak", peakMemory);
        field("used_memory_peak_human", ProcessMetrics.human(peakMemory));
        field("used_memory_peak_perc", percent(used, peakMemory));
        field("used_memory_overhead", used);
        field("used_memory_startup", startup);
        field("used_memory_dataset", 0);
        field("used_memory_dataset_perc", "0.00%");
        field("allocator_allocated", used);
        field("allocator_active", used);
        field("allocator_resident", rss);
        field("total_system_memory", system);
        field("total_system_memory_human", ProcessMetrics.human(system));
        field("used_memory_lua", 0);
        field("used_memory_vm_eval", 0);
        field("used_memory_lua_human", "0B");
        field("used_memory_scripts_eval", 0);
        field("number_of_cached_scripts", 0);
        field("number_of_functions", 0);
        field("number_of_libraries", 0);
        field("used_memory_vm_functions", 0);
        field("used_memory_vm_total", 0);
        field("used_memory_vm_total_human", "0B");
        field("used_memory_functions", 0);
        field("used_memory_scripts", 0);
        field("used_memory_scripts_human", "0B");
        field("maxmemory", 0);
        field("maxmemory_human", "0B");
        field("maxmemory_policy", "noeviction");
        field("allocator_frag_ratio", "1.00");
        field("allocator_frag_bytes", 0);
        field("allocator_rss_ratio", ratio(rss, used));
        field("allocator_rss_bytes", rss - used);
        field("rss_overhead_ratio", "1.00");
        field("rss_overhead_bytes", 0);
        field("mem_fragmentation_ratio", ratio(rss, used));
        field("mem_fragmentation_bytes", rss - used);
        field("mem_not_counted_for_evict", 0);
        field("mem_replication_backlog", 0);
        field("mem_total_replication_buffers", 0);
        field("mem_clients_slaves", 0);
        field("mem_clients_normal", 0);
        field("mem_cluster_links", 0);
        field("mem_aof_buffer", 0);
        field("mem_allocator", "jvm-" + System.getProperty("java.version"));
        field("active_defrag_running", 0);
        field("lazyfree_pending_objects", 0);
        field("lazyfreed_objects", 0);
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.2f%%", whole == 0 ? 0.0 : part * 100.0 / whole);
    }

    private static String ratio(long a, long b) {
        return String.format(Locale.ROOT, "%.2f", b == 0 ? 0.0 : (double) a / b);
    }

    private void persistence() {
        header("Persistence");
        field("loading", 0);
        field("async_loading", 0);
        field("current_cow_peak", 0);
        field("current_cow_size", 0);
        field("current_cow_size_age", 0);
        field("current_fork_perc", "0.00");
        field("current_save_keys_processed", 0);
        field("current_save_keys_total", 0);
        field("rdb_changes_since_last_save", server.keyspace().stats().changesSinceSave);
        field("rdb_bgsave_in_progress", 0);
        field("rdb_last_save_time", server.startMillis() / 1000);
        field("rdb_last_bgsave_status", "ok");
        field("rdb_last_bgsave_time_sec", -1);
        field("rdb_current_bgsave_time_sec", -1);
        field("rdb_saves", 0);
        field("rdb_last_cow_size", 0);
        field("rdb_last_load_keys_expired", 0);
        field("rdb_last_load_keys_loaded", 0);
        field("aof_enabled", 0);
        field("aof_rewrite_in_progress", 0);
        field("aof_rewrite_scheduled", 0);
        field("aof_last_rewrite_time_sec", -1);
        field("aof_current_rewrite_time_sec", -1);
        field("aof_last_bgrewrite_status", "ok");
        field("aof_rewrites", 0);
        field("aof_rewrites_consecutive_failures", 0);
        field("aof_last_write_status", "ok");
        field("aof_last_cow_size", 0);
        field("module_fork_in_progress", 0);
        field("module_fork_last_cow_size", 0);
    }

    private void stats() {
        ServerStats s = server.stats();
        dev.cinnabar.engine.KeyspaceStats k = server.keyspace().stats();
        header("Stats");
        field("total_connections_received", s.connectionsReceived);
        field("total_commands_processed", s.commandsProcessed);
        field("instantaneous_ops_per_sec", s.instantaneousOpsPerSecond());
        field("total_net_input_bytes", s.netInputBytes);
        field("total_net_output_bytes", s.netOutputBytes);
        field("total_net_repl_input_bytes", 0);
        field("total_net_repl_output_bytes", 0);
        field("instantaneous_input_kbps", String.format(Locale.ROOT, "%.2f", s.instantaneousInputKbps()));
        field("instantaneous_output_kbps", String.format(Locale.ROOT, "%.2f", s.instantaneousOutputKbps()));
        field("instantaneous_input_repl_kbps", "0.00");
        field("instantaneous_output_repl_kbps", "0.00");
        field("rejected_connections", s.rejectedConnections);
        field("sync_full", 0);
        field("sync_partial_ok", 0);
        field("sync_partial_err", 0);
        field("expired_keys", k.expiredKeys);
        field("expired_stale_perc", String.format(Locale.ROOT, "%.2f", k.expiredStalePercent));
        field("expired_time_cap_reached_count", k.expiredTimeCapReached);
        field("expire_cycle_cpu_milliseconds", k.expireCycleMicros / 1000);
        field("evicted_keys", s.evictedKeys);
        field("evicted_clients", s.evictedClients);
        field("total_eviction_exceeded_time", 0);
        field("current_eviction_exceeded_time", 0);
        field("keyspace_hits", k.hits);
        field("keyspace_misses", k.misses);
        field("pubsub_channels", server.pubsub().size(PubSubRegistry.Kind.CHANNEL));
        field("pubsub_patterns", server.pubsub().size(PubSubRegistry.Kind.PATTERN));
        field("pubsubshard_channels", server.pubsub().size(PubSubRegistry.Kind.SHARD_CHANNEL));
        field("latest_fork_usec", 0);
        field("total_forks", 0);
        field("migrate_cached_sockets", 0);
        field("slave_expires_tracked_keys", 0);
        field("active_defrag_hits", 0);
        field("active_defrag_misses", 0);
        field("active_defrag_key_hits", 0);
        field("active_defrag_key_misses", 0);
        field("total_active_defrag_time", 0);
        field("current_active_defrag_time", 0);
        field("tracking_total_keys", server.tracking().keyCount());
        field("tracking_total_items", server.tracking().items());
        field("tracking_total_prefixes", server.tracking().prefixCount());
        field("unexpected_error_replies", s.unexpectedErrorReplies);
        field("total_error_replies", s.errorReplies);
        field("dump_payload_sanitizations", 0);
        field("total_reads_processed", s.readsProcessed);
        field("total_writes_processed", s.writesProcessed);
        field("io_threaded_reads_processed", 0);
        field("io_threaded_writes_processed", 0);
        field("reply_buffer_shrinks", 0);
        field("reply_buffer_expands", 0);
    }

    private void replication() {
        header("Replication");
        field("role", "master");
        field("connected_slaves", 0);
        field("master_failover_state", "no-failover");
        field("master_replid", server.runId());
        field("master_replid2", "0000000000000000000000000000000000000000");
        field("master_repl_offset", 0);
        field("second_repl_offset", -1);
        field("repl_backlog_active", 0);
        field("repl_backlog_size", 1048576);
        field("repl_backlog_first_byte_offset", 0);
        field("repl_backlog_histlen", 0);
    }

    private void cpu() {
        double[] process = ProcessMetrics.processCpuSeconds();
        double[] main = ProcessMetrics.threadCpuSeconds(server.eventLoopThreadId());
        header("CPU");
        field("used_cpu_sys", seconds(process[1]));
        field("used_cpu_user", seconds(process[0]));
        field("used_cpu_sys_children", "0.000000");
        field("used_cpu_user_children", "0.000000");
        field("used_cpu_sys_main_thread", seconds(main[1]));
        field("used_cpu_user_main_thread", seconds(main[0]));
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.6f", s);
    }

    private void commandStats() {
        header("Commandstats");
        for (CommandSpec spec : server.commands().allCommands()) {
            if (spec.calls == 0 && spec.failedCalls == 0 && spec.rejectedCalls == 0) {
                continue;
            }
            double perCall = spec.calls == 0 ? 0 : (double) spec.microseconds() / spec.calls;
            out.append("cmdstat_").append(spec.statsName()).append(":calls=").append(spec.calls)
                    .append(",usec=").append(spec.microseconds())
                    .append(",usec_per_call=").append(String.format(Locale.ROOT, "%.2f", perCall))
                    .append(",rejected_calls=").append(spec.rejectedCalls)
                    .append(",failed_calls=").append(spec.failedCalls).append("\r\n");
        }
    }

    private void errorStats() {
        header("Errorstats");
        for (Map.Entry<String, Long> e : server.stats().errorsByPrefix().entrySet()) {
            out.append("errorstat_").append(e.getKey()).append(":count=").append(e.getValue()).append("\r\n");
        }
    }

    private void latencyStats() {
        header("Latencystats");
        double[] percentiles = server.config().percentiles();
        if (percentiles.length == 0) {
            return;
        }
        for (CommandSpec spec : server.commands().allCommands()) {
            Histogram h = spec.latencyHistogram();
            if (h == null || h.getTotalCount() == 0) {
                continue;
            }
            out.append("latency_percentiles_usec_").append(spec.statsName()).append(':');
            for (int i = 0; i < percentiles.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append('p').append(ServerConfig.trimmedDecimal(percentiles[i])).append('=')
                        .append(String.format(Locale.ROOT, "%.3f", h.getValueAtPercentile(percentiles[i]) / 1000.0));
            }
            out.append("\r\n");
        }
    }

    private void keyspace() {
        header("Keyspace");
        for (int i = 0; i < server.keyspace().databaseCount(); i++) {
            Database db = server.keyspace().database(i);
            if (db.size() > 0) {
                field("db" + i, "keys=" + db.size() + ",expires=" + db.expiresSize() + ",avg_ttl=" + db.averageTtl());
            }
        }
    }
}
