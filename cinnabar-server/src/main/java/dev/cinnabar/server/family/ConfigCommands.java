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

    private void get(Client c, CommandArguments a) {
        ServerConfig config = server.config();
        Map<String, String> matched = new LinkedHashMap<>();
        for (int i = 2; i < a.count(); i++) {
            String pattern = a.string(i);
            if (!isPattern(pattern)) {
                ConfigParameter p = config.find(pattern);
                if (p != null) {
                    String lower = pattern.toLowerCase(java.util.Locale.ROOT);
                    matched.putIfAbsent(p.aliases().contains(lower) ? lower : p.name(), p.value());
                }
                continue;
            }
            for (ConfigParameter p : config.parameters()) {
                if (GlobMatcher.matches(pattern, p.name(), true)) {
                    matched.putIfAbsent(p.name(), p.value());
                }
                for (String alias : p.aliases()) {
                    if (GlobMatcher.matches(pattern, alias, true)) {
                        matched.putIfAbsent(alias, p.value());
                    }
                }
            }
        }
        c.reply().mapHeader(matched.size());
        for (Map.Entry<String, String> e : matched.entrySet()) {
            c.reply().bulkAscii(e.getKey());
            c.reply().bulkAscii(e.getValue());
        }
    }

    private void set(Client c, CommandArguments a) {
        if ((a.count() - 2) % 2 != 0) {
            c.reply().error(SYNTAX_ERROR);
            return;
        }
        ServerConfig config = server.config();
        int count = (a.count() - 2) / 2;
        List<ConfigParameter> parameters = new ArrayList<>(count);
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
                continue;
            }
            if (p.has(ConfigParameter.SENSITIVE)) {
                server.dispatcher().redact(3 + 2 * i);
            }
            if (invalid) {
                parameters.add(p);
                continue;
            }
            if (p.has(ConfigParameter.IMMUTABLE)
                    || (p.has(ConfigParameter.PROTECTED) && !server.allows(config.enableProtectedConfigs, c))) {
                errorText = p.has(ConfigParameter.IMMUTABLE) ? "can't set immutable config" : "can't set protected config";
                errorArgument = name;
                invalid = true;
            } else if (parameters.contains(p)) {
                errorText = "duplicate parameter";
                errorArgument = name;
                invalid = true;
            }
            parameters.add(p);
        }
        if (!invalid) {
            List<ConfigParameter.Change> changes = new ArrayList<>(count);
            for (int i = 0; i < count && !invalid; i++) {
                ConfigParameter p = parameters.get(i);
                try {
                    changes.add(p.prepareFromString(a.string(3 + 2 * i), false));
                } catch (ConfigException e) {
                    errorArgument = p.name();
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
                                + parameters.get(i).name() + " setting. Restoring previous settings.");
                        restore(parameters, previous, i);
                        errorArgument = parameters.get(i).name();
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

    private static final List<String> HELP = List.of(
            "GET <pattern> [<pattern> ...]",
            "    Return the parameters whose names match any of the glob-style patterns, with their values.",
            "SET <directive> <value> [<directive> <value> ...]",
            "    Change parameters at run time; either all of them change or none does.",
            "RESETSTAT",
            "    Reset the statistics that INFO reports.",
            "REWRITE",
            "    Write the running configuration back to the config file, keeping its comments.");
}
