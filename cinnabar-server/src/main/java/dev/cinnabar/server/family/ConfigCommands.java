package dev.cinnabar.server.family;

import dev.cinnabar.engine.GlobMatcher;
import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.server.Server;
import dev.cinnabar.server.client.Client;
import dev.cinnabar.server.command.CommandSpec;
import dev.cinnabar.server.config.ConfigException;
import dev.cinnabar.server.config.ConfigParameter;
import dev.cinnabar.server.config.ConfigRewriter;
import dev.cinnabar.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** CONFIG GET / SET / RESETSTAT / REWRITE / HELP. */
final class ConfigCommands extends CommandFamily {

    ConfigCommands(Server server) {
        super(server);
    }

    @Override
    void bindAll() {
        bind("config|get", this::get);
        bind("config|set", this::set);
        bind("config|resetstat", this::resetStat);
        bind("config|rewrite", this::rewrite);
        bind("config|help", (c, a) -> help(c, "CONFIG", HELP));
    }

    private static boolean isPattern(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '*' || ch == '?' || ch == '[') {
                return true;
            }
        }
        return false;
    }

    /**
     * CONFIG GET, as Redis 7.0: a name without glob characters is answered under the name as it
     * was typed (CONFIG GET HZ answers "HZ"), a pattern matches names and aliases without regard
     * to case, and a name already answered (compared without case) is not repeated.
     */
    private void get(Client c, CommandArguments a) {
        ServerConfig config = server.config();
        // lower-case name -> {name as answered, value}
        Map<String, String[]> matched = new LinkedHashMap<>();
        for (int i = 2; i < a.count(); i++) {
            String pattern = a.string(i);
            if (!isPattern(pattern)) {
                ConfigParameter p = config.find(pattern);
                if (p != null) {
                    matched.putIfAbsent(pattern.toLowerCase(Locale.ROOT), new String[] {pattern, p.value()});
                }
                continue;
            }
            for (ConfigParameter p : config.parameters()) {
                List<String> names = new ArrayList<>(1 + p.aliases().size());
                names.add(p.name());
                names.addAll(p.aliases());
                for (String name : names) {
                    if (!matched.containsKey(name) && GlobMatcher.matches(pattern, name, true)) {
                        matched.put(name, new String[] {name, p.value()});
                    }
                }
            }
        }
        c.reply().mapHeader(matched.size());
        for (String[] e : matched.values()) {
            c.reply().bulkAscii(e[0]);
            c.reply().bulkAscii(e[1]);
        }
    }

    /**
     * CONFIG SET, as Redis 7.0's configSetCommand: every name is looked up first (an unknown
     * name wins over any other error; otherwise the first immutable, protected or repeated name
     * is reported under the name as typed), then the values are checked (an error names the
     * parameter under the name, or alias, that was used) and applied, all or none. A name and
     * its alias are two entries of Redis's table, so setting both is not a duplicate.
     */
    private void set(Client c, CommandArguments a) {
        try {
            setParameters(c, a);
        } finally {
            // Redis trims the slow log when the next command goes through it, which is this
            // CONFIG SET itself unless the slow log is disabled.
            if (server.config().slowlogLogSlowerThan >= 0) {
                server.slowlogLengthChanged();
            }
        }
    }

    private void setParameters(Client c, CommandArguments a) {
        if ((a.count() - 2) % 2 != 0) {
            c.reply().error(SYNTAX_ERROR);
            return;
        }
        ServerConfig config = server.config();
        int count = (a.count() - 2) / 2;
        List<ConfigParameter> parameters = new ArrayList<>(count);
        List<String> entries = new ArrayList<>(count);
        String unknown = null;
        String errorArgument = null;
        String errorText = null;
        boolean invalid = false;
        for (int i = 0; i < count; i++) {
            String name = a.cString(2 + 2 * i);
            ConfigParameter p = config.find(name);
            if (p == null) {
                if (!invalid) {
                    if (ServerConfig.isUnsupportedRedisParameter(name)) {
                        errorArgument = name;
                        errorText = ServerConfig.unsupportedReason(name);
                    } else {
                        unknown = name;
                    }
                    invalid = true;
                }
                parameters.add(null);
                entries.add(null);
                continue;
            }
            if (p.has(ConfigParameter.SENSITIVE)) {
                server.dispatcher().redact(3 + 2 * i);
            }
            // The table entry used: the parameter's name, or the alias that was typed.
            String entry = name.toLowerCase(Locale.ROOT);
            if (invalid) {
                parameters.add(p);
                entries.add(entry);
                continue;
            }
            if (p.has(ConfigParameter.IMMUTABLE)
                    || (p.has(ConfigParameter.PROTECTED) && !server.allows(config.enableProtectedConfigs, c))) {
                errorText = p.has(ConfigParameter.IMMUTABLE) ? "can't set immutable config" : "can't set protected config";
                errorArgument = name;
                invalid = true;
            } else if (entries.contains(entry)) {
                errorText = "duplicate parameter";
                errorArgument = name;
                invalid = true;
            }
            parameters.add(p);
            entries.add(entry);
        }
        if (!invalid) {
            List<ConfigParameter.Change> changes = new ArrayList<>(count);
            for (int i = 0; i < count && !invalid; i++) {
                ConfigParameter p = parameters.get(i);
                try {
                    changes.add(p.prepareFromString(a.string(3 + 2 * i), false));
                } catch (ConfigException e) {
                    errorArgument = entries.get(i);
                    errorText = e.getMessage();
                    invalid = true;
                }
            }
            if (!invalid) {
                List<String> previous = new ArrayList<>(count);
                for (ConfigParameter p : parameters) {
                    previous.add(p.value());
                }
                for (int i = 0; i < count; i++) {
                    try {
                        changes.get(i).apply();
                    } catch (ConfigException e) {
                        server.log().warning("Failed applying new configuration. Possibly related to new "
                                + entries.get(i) + " setting. Restoring previous settings.");
                        restore(parameters, previous, i);
                        errorArgument = entries.get(i);
                        errorText = e.getMessage();
                        invalid = true;
                        break;
                    }
                }
            }
        }
        if (!invalid) {
            c.reply().ok();
        } else if (unknown != null) {
            c.reply().error("ERR Unknown option or number of arguments for CONFIG SET - '" + unknown + "'");
        } else {
            c.reply().error("ERR CONFIG SET failed (possibly related to argument '" + errorArgument + "') - " + errorText);
        }
    }

    /** Puts back the values of parameters 0..failed after a failed apply. */
    private void restore(List<ConfigParameter> parameters, List<String> previous, int failed) {
        for (int i = 0; i <= failed; i++) {
            try {
                parameters.get(i).prepareFromString(previous.get(i), false).apply();
            } catch (ConfigException e) {
                server.log().warning("Could not restore " + parameters.get(i).name() + ": " + e.getMessage());
            }
        }
    }

    private void resetStat(Client c, CommandArguments a) {
        server.stats().reset();
        server.keyspace().stats().reset();
        for (CommandSpec spec : server.commands().allCommands()) {
            spec.resetStats();
        }
        c.reply().ok();
    }

    private void rewrite(Client c, CommandArguments a) {
        String file = server.config().configFile;
        if (file == null) {
            c.reply().error("ERR The server is running without a config file");
            return;
        }
        try {
            ConfigRewriter.rewrite(server.config(), Path.of(file));
            server.log().notice("CONFIG REWRITE executed with success.");
            c.reply().ok();
        } catch (IOException e) {
            server.log().warning("CONFIG REWRITE failed: " + e.getMessage());
            c.reply().error("ERR Rewriting config file: " + e.getMessage());
        }
    }

    // Redis 7.0's text, word for word.
    private static final List<String> HELP = List.of(
            "GET <pattern>",
            "    The parameters whose names match the glob-style <pattern>, with their values.",
            "SET <directive> <value>",
            "    Change <directive> to <value> (several pairs at once: all change or none).",
            "RESETSTAT",
            "    Zero the statistics that INFO reports.",
            "REWRITE",
            "    Write the running configuration back to the config file, keeping its comments.");
}
