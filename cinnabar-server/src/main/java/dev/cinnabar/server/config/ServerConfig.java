package dev.cinnabar.server.config;

import dev.cinnabar.server.util.ServerLog;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The server's configuration: every parameter Cinnabar knows, with Redis 7's names, aliases,
 * defaults, limits and error texts, and the current values in typed fields that the rest of the
 * server reads directly.
 *
 * <p>A parameter that Redis has but whose feature Cinnabar does not have yet is refused, by name,
 * both in the config file and through CONFIG SET, rather than accepted and ignored; see
 * {@link #REDIS_PARAMETERS}.
 */
public final class ServerConfig {

    /** How enable-debug-command and enable-protected-configs gate an action. */
    public enum Access {
        NO, YES, LOCAL;

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Side effects of configuration changes that need the running server. */
    public interface Effects {
        /** port or bind changed: listen on the new addresses, or throw to keep the old ones. */
        void listenAddressesChanged() throws ConfigException;

        /** loglevel changed. */
        void logLevelChanged();

        /** requirepass changed. */
        void passwordChanged();

        /**
         * Trims the slow log to slowlog-max-len. Not called when the parameter changes: like Redis,
         * CONFIG SET calls it once done, when the slow log is on (Redis trims the log each time a
         * command goes through it, which CONFIG SET itself does).
         */
        void slowlogLengthChanged();
    }

    /** Every parameter name (and alias) Redis 7.0 has; those not defined here are refused by name. */
    public static final Set<String> REDIS_PARAMETERS = Set.of((""
            + "acl-pubsub-default aclfile acllog-max-len active-defrag-cycle-max active-defrag-cycle-min "
            + "active-defrag-ignore-bytes active-defrag-max-scan-fields active-defrag-threshold-lower "
            + "active-defrag-threshold-upper active-expire-effort activedefrag activerehashing "
            + "always-show-logo aof-disable-auto-gc aof-load-truncated aof-rewrite-incremental-fsync "
            + "aof-timestamp-enabled aof-use-rdb-preamble aof_rewrite_cpulist appenddirname appendfilename "
            + "appendfsync appendonly auto-aof-rewrite-min-size auto-aof-rewrite-percentage bgsave_cpulist "
            + "bind bind-source-addr bio_cpulist busy-reply-threshold client-output-buffer-limit "
            + "client-query-buffer-limit cluster-allow-pubsubshard-when-down cluster-allow-reads-when-down "
            + "cluster-allow-replica-migration cluster-announce-bus-port cluster-announce-hostname "
            + "cluster-announce-ip cluster-announce-port cluster-announce-tls-port cluster-config-file "
            + "cluster-enabled cluster-link-sendbuf-limit cluster-migration-barrier cluster-node-timeout "
            + "cluster-port cluster-preferred-endpoint-type cluster-replica-no-failover "
            + "cluster-replica-validity-factor cluster-require-full-coverage cluster-slave-no-failover "
            + "cluster-slave-validity-factor crash-log-enabled crash-memcheck-enabled daemonize databases "
            + "dbfilename dir disable-thp dynamic-hz enable-debug-command enable-module-command "
            + "enable-protected-configs hash-max-listpack-entries hash-max-listpack-value "
            + "hash-max-ziplist-entries hash-max-ziplist-value hll-sparse-max-bytes hz ignore-warnings "
            + "io-threads io-threads-do-reads jemalloc-bg-thread latency-monitor-threshold latency-tracking "
            + "latency-tracking-info-percentiles lazyfree-lazy-eviction lazyfree-lazy-expire "
            + "lazyfree-lazy-server-del lazyfree-lazy-user-del lazyfree-lazy-user-flush lfu-decay-time "
            + "lfu-log-factor list-compress-depth list-max-listpack-size list-max-ziplist-size logfile "
            + "loglevel lua-time-limit masterauth masteruser maxclients maxmemory maxmemory-clients "
            + "maxmemory-eviction-tenacity maxmemory-policy maxmemory-samples min-replicas-max-lag "
            + "min-replicas-to-write min-slaves-max-lag min-slaves-to-write no-appendfsync-on-rewrite "
            + "oom-score-adj oom-score-adj-values pidfile port proc-title-template "
            + "propagation-error-behavior protected-mode proto-max-bulk-len rdb-del-sync-files "
            + "rdb-save-incremental-fsync rdbchecksum rdbcompression repl-backlog-size repl-backlog-ttl "
            + "repl-disable-tcp-nodelay repl-diskless-load repl-diskless-sync repl-diskless-sync-delay "
            + "repl-diskless-sync-max-replicas repl-ping-replica-period repl-ping-slave-period repl-timeout "
            + "replica-announce-ip replica-announce-port replica-announced replica-ignore-disk-write-errors "
            + "replica-ignore-maxmemory replica-lazy-flush replica-priority replica-read-only "
            + "replica-serve-stale-data replicaof requirepass sanitize-dump-payload save server_cpulist "
            + "set-max-intset-entries set-proc-title shutdown-on-sigint shutdown-on-sigterm shutdown-timeout "
            + "slave-announce-ip slave-announce-port slave-ignore-maxmemory slave-lazy-flush slave-priority "
            + "slave-read-only slave-serve-stale-data slaveof slowlog-log-slower-than slowlog-max-len "
            + "socket-mark-id stop-writes-on-bgsave-error stream-node-max-bytes stream-node-max-entries "
            + "supervised syslog-enabled syslog-facility syslog-ident tcp-backlog tcp-keepalive timeout "
            + "tls-auth-clients tls-ca-cert-dir tls-ca-cert-file tls-cert-file tls-ciphers tls-ciphersuites "
            + "tls-client-cert-file tls-client-key-file tls-client-key-file-pass tls-cluster "
            + "tls-dh-params-file tls-key-file tls-key-file-pass tls-port tls-prefer-server-ciphers "
            + "tls-protocols tls-replication tls-session-cache-size tls-session-cache-timeout "
            + "tls-session-caching unixsocket unixsocketperm "
            + "zset-max-listpack-entries zset-max-listpack-value zset-max-ziplist-entries "
            + "zset-max-ziplist-value "
            // Newer than 7.0, and config-file directives that are not parameters.
            + "locale-collate max-new-connections-per-cycle max-new-tls-connections-per-cycle "
            + "hide-user-data-from-log lua-enable-insecure-api rename-command user loadmodule sentinel")
            .trim().split(" +"));

    // ---- current values (read by the event loop; volatile where other threads read them) ----
    public volatile int port = 6379;
    public volatile List<String> bind = List.of("*", "-::*");
    public volatile boolean protectedMode = true;
    public volatile String requirePass = "";
    public volatile int databases = 16;
    public volatile long timeoutSeconds = 0;
    public volatile int tcpKeepAlive = 300;
    public volatile long maxClients = 10000;
    public volatile ServerLog.Level logLevel = ServerLog.Level.NOTICE;
    public volatile String logFile = "";
    public volatile long protoMaxBulkLength = 512L * 1024 * 1024;
    public volatile long clientQueryBufferLimit = 1024L * 1024 * 1024;
    public volatile OutputBufferLimits outputBufferLimits = OutputBufferLimits.defaults();
    public volatile int hz = 10;
    public volatile boolean dynamicHz = true;
    public volatile long slowlogLogSlowerThan = 10000;
    public volatile long slowlogMaxLength = 128;
    public volatile boolean latencyTracking = true;
    public volatile double[] latencyTrackingPercentiles = {50, 99, 99.9};
    public volatile long latencyMonitorThreshold = 0;
    public volatile Access enableDebugCommand = Access.NO;
    public volatile Access enableProtectedConfigs = Access.NO;
    public volatile String dir = new File("").getAbsolutePath();
    public volatile int tcpBacklog = 511;
    public volatile long hashMaxListpackEntries = 512;
    public volatile long hashMaxListpackValue = 64;
    public volatile long setMaxIntsetEntries = 512;
    /** Redis 7.2's listpack encoding of small sets. */
    public volatile long setMaxListpackEntries = 128;
    public volatile long setMaxListpackValue = 64;
    public volatile long zsetMaxListpackEntries = 128;
    public volatile long zsetMaxListpackValue = 64;
    public volatile long listMaxListpackSize = -2;
    public volatile long listCompressDepth = 0;
    public volatile int activeExpireEffort = 1;
    /** The keyspace notification classes, as NotifyKeyspaceEvents bits (0: none, the default). */
    public volatile int notifyKeyspaceEvents = 0;
    public volatile long trackingTableMaxKeys = 1_000_000;

    /** The config file the server was started with (absolute), or null. */
    public volatile String configFile;

    private final Map<String, ConfigParameter> byName = new LinkedHashMap<>();
    private final List<ConfigParameter> parameters = new ArrayList<>();
    private Effects effects;

    public ServerConfig() {
        defineParameters();
    }

    public void setEffects(Effects effects) {
        this.effects = effects;
    }

    /** All parameters in definition order. */
    public Collection<ConfigParameter> parameters() {
        return parameters;
    }

    /** The parameter with this name or alias (case-insensitive), or null. */
    public ConfigParameter find(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    /** Whether Redis has a parameter of this name that Cinnabar does not support yet. */
    public static boolean isUnsupportedRedisParameter(String name) {
        return REDIS_PARAMETERS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The text used when an unsupported Redis parameter is refused. */
    public static String unsupportedReason(String name) {
        return "Cinnabar does not support '" + name.toLowerCase(Locale.ROOT)
                + "' yet (the feature it configures is not implemented; see docs/COMPATIBILITY.md)";
    }

    // ---- parameter definitions ----

    private void defineParameters() {
        define("port", List.of(), 0, () -> Integer.toString(port),
                integer(0, 65535, v -> port = (int) v, true));
        define("bind", List.of(), ConfigParameter.MULTI_ARGUMENT, () -> String.join(" ", bind),
                (args, startup) -> {
                    List<String> addresses = args.size() == 1 && args.get(0).isEmpty() ? List.of() : List.copyOf(args);
                    if (addresses.size() > 16) {
                        throw new ConfigException("Too many bind addresses specified.");
                    }
                    return listenChange(() -> bind = addresses);
                });
        define("notify-keyspace-events", List.of(), ConfigParameter.STRING_VALUE,
                () -> NotifyKeyspaceEvents.format(notifyKeyspaceEvents), (args, startup) -> {
                    int flags = NotifyKeyspaceEvents.parse(args.get(0));
                    if (flags < 0) {
                        throw new ConfigException("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
                    }
                    return () -> notifyKeyspaceEvents = flags;
                });
        define("protected-mode", List.of(), 0, () -> yesNo(protectedMode), bool(v -> protectedMode = v));
        define("requirepass", List.of(), ConfigParameter.SENSITIVE | ConfigParameter.STRING_VALUE, () -> requirePass,
                (args, startup) -> {
                    String password = args.get(0);
                    return () -> {
                        requirePass = password;
                        if (effects != null) {
                            effects.passwordChanged();
                        }
                    };
                });
        define("databases", List.of(), ConfigParameter.IMMUTABLE, () -> Integer.toString(databases),
                integer(1, Integer.MAX_VALUE, v -> databases = (int) v, false));
        define("timeout", List.of(), 0, () -> Long.toString(timeoutSeconds),
                integer(0, Integer.MAX_VALUE, v -> timeoutSeconds = v, false));
        define("tcp-keepalive", List.of(), 0, () -> Integer.toString(tcpKeepAlive),
                integer(0, Integer.MAX_VALUE, v -> tcpKeepAlive = (int) v, false));
        define("maxclients", List.of(), 0, () -> Long.toString(maxClients),
                unsigned(1, 4294967295L, v -> maxClients = v));
        define("loglevel", List.of(), 0, () -> logLevel.configName(),
                enumeration(List.of("debug", "verbose", "notice", "warning"), v -> {
                    logLevel = ServerLog.Level.parse(v);
                    if (effects != null) {
                        effects.logLevelChanged();
                    }
                }));
        define("logfile", List.of(), ConfigParameter.IMMUTABLE | ConfigParameter.STRING_VALUE, () -> logFile,
                (args, startup) -> {
                    String file = args.get(0);
                    return () -> logFile = file;
                });
        define("daemonize", List.of(), ConfigParameter.IMMUTABLE, () -> "no",
                (args, startup) -> {
                    String v = args.get(0).toLowerCase(Locale.ROOT);
                    if (!v.equals("yes") && !v.equals("no")) {
                        throw new ConfigException("argument must be 'yes' or 'no'");
                    }
                    if (v.equals("yes")) {
                        throw new ConfigException("Cinnabar does not daemonize itself: run it in the foreground "
                                + "under a supervisor (systemd, a container, or nohup with logfile set)");
                    }
                    return () -> { };
                });
        define("proto-max-bulk-len", List.of(), ConfigParameter.MEMORY_VALUE, () -> Long.toString(protoMaxBulkLength),
                memory(1024 * 1024, Long.MAX_VALUE, v -> protoMaxBulkLength = v));
        define("client-query-buffer-limit", List.of(), ConfigParameter.MEMORY_VALUE, () -> Long.toString(clientQueryBufferLimit),
                memory(1024 * 1024, Long.MAX_VALUE, v -> clientQueryBufferLimit = v));
        define("client-output-buffer-limit", List.of(), ConfigParameter.MULTI_ARGUMENT,
                () -> outputBufferLimits.describe(),
                (args, startup) -> {
                    OutputBufferLimits limits = outputBufferLimits.with(args);
                    return () -> outputBufferLimits = limits;
                });
        define("hz", List.of(), 0, () -> Integer.toString(hz),
                integer(0, Integer.MAX_VALUE, v -> hz = (int) Math.max(1, Math.min(500, v)), false));
        define("dynamic-hz", List.of(), 0, () -> yesNo(dynamicHz), bool(v -> dynamicHz = v));
        define("slowlog-log-slower-than", List.of(), 0, () -> Long.toString(slowlogLogSlowerThan),
                integer(-1, Long.MAX_VALUE, v -> slowlogLogSlowerThan = v, false));
        define("slowlog-max-len", List.of(), 0, () -> Long.toString(slowlogMaxLength),
                // Like Redis, a shorter slow log is not trimmed here but when the next command goes
                // through the slow log (see ConfigCommands: at the end of CONFIG SET itself).
                unsigned(0, Long.MAX_VALUE, v -> slowlogMaxLength = v));
        define("latency-tracking", List.of(), 0, () -> yesNo(latencyTracking), bool(v -> latencyTracking = v));
        define("latency-tracking-info-percentiles", List.of(), ConfigParameter.MULTI_ARGUMENT,
                this::describePercentiles, (args, startup) -> {
                    double[] values = parsePercentiles(args);
                    return () -> latencyTrackingPercentiles = values;
                });
        define("latency-monitor-threshold", List.of(), 0, () -> Long.toString(latencyMonitorThreshold),
                integer(0, Long.MAX_VALUE, v -> latencyMonitorThreshold = v, false));
        define("enable-debug-command", List.of(), ConfigParameter.IMMUTABLE, () -> enableDebugCommand.configName(),
                enumeration(List.of("no", "yes", "local"), v -> enableDebugCommand = Access.valueOf(v.toUpperCase(Locale.ROOT))));
        define("enable-protected-configs", List.of(), ConfigParameter.IMMUTABLE,
                () -> enableProtectedConfigs.configName(),
                enumeration(List.of("no", "yes", "local"),
                        v -> enableProtectedConfigs = Access.valueOf(v.toUpperCase(Locale.ROOT))));
        define("dir", List.of(), ConfigParameter.PROTECTED | ConfigParameter.STRING_VALUE, () -> dir, (args, startup) -> {
            if (args.size() != 1) {
                throw new ConfigException("wrong number of arguments");
            }
            String path = changeDirectory(dir, args.get(0));
            return () -> dir = path;
        });
        define("tcp-backlog", List.of(), ConfigParameter.IMMUTABLE, () -> Integer.toString(tcpBacklog),
                integer(0, Integer.MAX_VALUE, v -> tcpBacklog = (int) v, false));
        define("save", List.of(), ConfigParameter.MULTI_ARGUMENT, () -> "", (args, startup) -> {
            // No arguments, or one empty one, is Redis's way of saying "no snapshots".
            if (args.isEmpty() || (args.size() == 1 && args.get(0).isEmpty())) {
                return () -> { };
            }
            throw new ConfigException("Cinnabar has no persistence yet: only 'save \"\"' (no snapshots) is accepted");
        });
        define("appendonly", List.of(), 0, () -> "no", (args, startup) -> {
            String v = args.get(0).toLowerCase(Locale.ROOT);
            if (!v.equals("yes") && !v.equals("no")) {
                throw new ConfigException("argument must be 'yes' or 'no'");
            }
            if (v.equals("yes")) {
                throw new ConfigException("Cinnabar has no append-only file yet: only 'appendonly no' is accepted");
            }
            return () -> { };
        });
        define("tracking-table-max-keys", List.of(), 0, () -> Long.toString(trackingTableMaxKeys),
                unsigned(0, Long.MAX_VALUE, v -> trackingTableMaxKeys = v));
        define("active-expire-effort", List.of(), 0, () -> Integer.toString(activeExpireEffort),
                integer(1, 10, v -> activeExpireEffort = (int) v, false));
        // Encoding thresholds of the collection types, with their pre-7.0 "ziplist" aliases.
        define("hash-max-listpack-entries", List.of("hash-max-ziplist-entries"), 0,
                () -> Long.toString(hashMaxListpackEntries), unsigned(0, Long.MAX_VALUE, v -> hashMaxListpackEntries = v));
        define("hash-max-listpack-value", List.of("hash-max-ziplist-value"), ConfigParameter.MEMORY_VALUE,
                () -> Long.toString(hashMaxListpackValue), memory(0, Long.MAX_VALUE, v -> hashMaxListpackValue = v));
        define("set-max-intset-entries", List.of(), 0,
                () -> Long.toString(setMaxIntsetEntries), unsigned(0, Long.MAX_VALUE, v -> setMaxIntsetEntries = v));
        // Redis 7.2's parameters for listpack-encoded sets (no "ziplist" alias: they are newer than that name).
        define("set-max-listpack-entries", List.of(), 0,
                () -> Long.toString(setMaxListpackEntries), unsigned(0, Long.MAX_VALUE, v -> setMaxListpackEntries = v));
        define("set-max-listpack-value", List.of(), ConfigParameter.MEMORY_VALUE,
                () -> Long.toString(setMaxListpackValue), memory(0, Long.MAX_VALUE, v -> setMaxListpackValue = v));
        define("zset-max-listpack-entries", List.of("zset-max-ziplist-entries"), 0,
                () -> Long.toString(zsetMaxListpackEntries), unsigned(0, Long.MAX_VALUE, v -> zsetMaxListpackEntries = v));
        define("zset-max-listpack-value", List.of("zset-max-ziplist-value"), ConfigParameter.MEMORY_VALUE,
                () -> Long.toString(zsetMaxListpackValue), memory(0, Long.MAX_VALUE, v -> zsetMaxListpackValue = v));
        define("list-max-listpack-size", List.of("list-max-ziplist-size"), 0,
                () -> Long.toString(listMaxListpackSize), integer(Integer.MIN_VALUE, Integer.MAX_VALUE, v -> listMaxListpackSize = v, false));
        define("list-compress-depth", List.of(), 0,
                () -> Long.toString(listCompressDepth), integer(0, Integer.MAX_VALUE, v -> listCompressDepth = v, false));
    }

    private void define(String name, List<String> aliases, int flags, Supplier<String> getter,
                        ConfigParameter.Preparer preparer) {
        ConfigParameter p = new ConfigParameter(name, aliases, flags, getter, preparer);
        parameters.add(p);
        byName.put(name, p);
        for (String alias : aliases) {
            byName.put(alias, p);
        }
    }

    private ConfigParameter.Change listenChange(Runnable assign) {
        return () -> {
            assign.run();
            if (effects != null) {
                effects.listenAddressesChanged();
            }
        };
    }

    // ---- value kinds, with Redis's texts ----

    static String yesNo(boolean v) {
        return v ? "yes" : "no";
    }

    private static ConfigParameter.Preparer bool(Consumer<Boolean> setter) {
        return (args, startup) -> {
            String v = args.get(0).toLowerCase(Locale.ROOT);
            boolean value;
            if (v.equals("yes")) {
                value = true;
            } else if (v.equals("no")) {
                value = false;
            } else {
                throw new ConfigException("argument must be 'yes' or 'no'");
            }
            return () -> setter.accept(value);
        };
    }

    interface LongSetter {
        void set(long value);
    }

    private ConfigParameter.Preparer integer(long min, long max, LongSetter setter, boolean listening) {
        return (args, startup) -> {
            long v = parseInteger(args.get(0));
            checkRange(v, min, max);
            return listening ? listenChange(() -> setter.set(v)) : () -> setter.set(v);
        };
    }

    private static ConfigParameter.Preparer unsigned(long min, long max, LongSetter setter) {
        return (args, startup) -> {
            long v = parseInteger(args.get(0));
            checkRange(v, min, max);
            return () -> setter.set(v);
        };
    }

    private static ConfigParameter.Preparer memory(long min, long max, LongSetter setter) {
        return (args, startup) -> {
            long v;
            try {
                v = MemoryUnits.parse(args.get(0));
            } catch (NumberFormatException | ArithmeticException e) {
                throw new ConfigException("argument must be a memory value");
            }
            checkRange(v, min, max);
            return () -> setter.set(v);
        };
    }

    private static ConfigParameter.Preparer enumeration(List<String> values, Consumer<String> setter) {
        return (args, startup) -> {
            String v = args.get(0).toLowerCase(Locale.ROOT);
            if (!values.contains(v)) {
                throw new ConfigException("argument(s) must be one of the following: " + String.join(", ", values));
            }
            return () -> setter.accept(v);
        };
    }

    /** Redis parses integer parameters with string2ll: no '+', no spaces, no leading zeros. */
    static long parseInteger(String text) throws ConfigException {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!dev.cinnabar.resp.RespNumbers.isLong(b, 0, b.length)) {
            throw new ConfigException("argument couldn't be parsed into an integer");
        }
        return dev.cinnabar.resp.RespNumbers.parseLong(b, 0, b.length);
    }

    private static void checkRange(long v, long min, long max) throws ConfigException {
        if (v < min || v > max) {
            throw new ConfigException("argument must be between " + min + " and " + max + " inclusive");
        }
    }

    private String describePercentiles() {
        StringBuilder sb = new StringBuilder();
        for (double p : latencyTrackingPercentiles) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(trimmedDecimal(p));
        }
        return sb.toString();
    }

    /**
     * Redis's setConfigLatencyTrackingInfoPercentilesOutputOption: no arguments, or one empty
     * one, is an empty list; each argument is read with string2d (C's strtod, so "0x10", "1e1",
     * "+5", ".5" and "inf" are numbers, while " 5", "5 ", "nan" and underflows to zero are not).
     */
    private static double[] parsePercentiles(List<String> args) throws ConfigException {
        if (args.isEmpty() || (args.size() == 1 && args.get(0).isEmpty())) {
            return new double[0];
        }
        double[] values = new double[args.size()];
        for (int i = 0; i < values.length; i++) {
            Double v = CNumbers.string2d(args.get(i));
            if (v == null) {
                throw new ConfigException("Invalid latency-tracking-info-percentiles parameters");
            }
            if (v > 100.0 || v < 0.0) {
                throw new ConfigException("latency-tracking-info-percentiles parameters should sit between [0.0,100.0]");
            }
            values[i] = v;
        }
        return values;
    }

    /**
     * chdir as Redis's dir does it: relative to the current directory, with strerror's text on
     * failure; the result is the physical path getcwd would return.
     */
    static String changeDirectory(String current, String target) throws ConfigException {
        if (target.isEmpty()) {
            throw new ConfigException("No such file or directory");
        }
        java.nio.file.Path path;
        try {
            path = java.nio.file.Path.of(current).resolve(target);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException("No such file or directory");
        }
        java.nio.file.attribute.BasicFileAttributes attributes;
        try {
            attributes = java.nio.file.Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException("No such file or directory");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ConfigException("Permission denied");
        } catch (java.nio.file.FileSystemException e) {
            throw new ConfigException(e.getReason() != null ? e.getReason() : "No such file or directory");
        } catch (java.io.IOException e) {
            throw new ConfigException(String.valueOf(e.getMessage()));
        }
        if (!attributes.isDirectory()) {
            throw new ConfigException("Not a directory");
        }
        if (!java.nio.file.Files.isExecutable(path)) {
            throw new ConfigException("Permission denied");
        }
        try {
            return path.toRealPath().toString();
        } catch (java.io.IOException e) {
            return path.toAbsolutePath().normalize().toString();
        }
    }

    /**
     * C's "%f" (six decimals, rounded from the exact binary value, half to even) with trailing
     * zeros and a trailing dot removed, as Redis prints percentiles.
     */
    public static String trimmedDecimal(double value) {
        String s;
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            s = Double.isNaN(value) ? "nan" : (value > 0 ? "inf" : "-inf");
            return s;
        }
        s = new java.math.BigDecimal(value).setScale(6, java.math.RoundingMode.HALF_EVEN).toPlainString();
        if ((value < 0 || (value == 0 && 1 / value < 0)) && !s.startsWith("-")) {
            s = "-" + s;
        }
        if (s.indexOf('.') >= 0) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s;
    }

    /** Copy of the percentiles for readers. */
    public double[] percentiles() {
        return Arrays.copyOf(latencyTrackingPercentiles, latencyTrackingPercentiles.length);
    }

    /** Whether a value reads as Redis's "yes"/"no" (used by callers that parse booleans). */
    public static boolean isYesNo(String v) {
        return v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("no");
    }

    /** Used by tests: a snapshot of every CONFIG GET value. */
    public Map<String, String> snapshot() {
        Map<String, String> out = new LinkedHashMap<>();
        for (ConfigParameter p : parameters) {
            out.put(p.name(), p.value());
        }
        return out;
    }
}
