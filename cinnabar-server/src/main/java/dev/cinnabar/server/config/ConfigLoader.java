package dev.cinnabar.server.config;

import dev.cinnabar.resp.InlineSplitter;
import dev.cinnabar.server.util.Repr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads redis.conf syntax and redis-server's command line into a {@link ServerConfig}.
 *
 * <p>As redis-server does, command-line options are turned into config lines
 * ({@code --port 6380 --save ""} becomes {@code port "6380"} and {@code save ""}) appended after
 * the file's content, so both go through the same parser and errors report the same line
 * numbers Redis would. Lines are split with the same quoting rules as inline commands;
 * {@code include} loads another file in place.
 */
public final class ConfigLoader {

    /** A configuration error that stops the server, with Redis's report text. */
    public static final class FatalConfigError extends Exception {
        public FatalConfigError(String report) {
            super(report, null, false, false);
        }
    }

    /** The version string printed in fatal config errors. */
    private final String versionBanner;
    private final ServerConfig config;

    public ConfigLoader(ServerConfig config, String versionBanner) {
        this.config = config;
        this.versionBanner = versionBanner;
    }

    /** What the command line holds once parsed: the config file (or null) and the option lines. */
    public record CommandLine(String configFile, String options) {}

    /**
     * Splits redis-server style arguments: an optional config file first, then {@code --name
     * value...} options. Values are quoted as Redis's sdscatrepr does so that spaces survive.
     */
    public static CommandLine parseCommandLine(String[] argv) {
        int j = 0;
        String configFile = null;
        if (argv.length > 0 && !argv[0].startsWith("-")) {
            configFile = argv[0];
            j = 1;
        }
        StringBuilder options = new StringBuilder();
        boolean lastOptionHasArgument = true;
        for (; j < argv.length; j++) {
            String arg = argv[j];
            if (lastOptionHasArgument && arg.startsWith("--")) {
                if (!options.isEmpty()) {
                    options.append('\n');
                }
                options.append(arg, 2, arg.length()).append(' ');
                List<String> words = splitLine(arg);
                if (words != null && words.size() == 1) {
                    lastOptionHasArgument = false;
                    boolean isSave = arg.equalsIgnoreCase("--save");
                    if (isSave && (j == argv.length - 1 || argv[j + 1].startsWith("--"))) {
                        // `--save` with nothing after it means `save ""`, as in redis-server.
                        options.append("\"\"");
                        lastOptionHasArgument = true;
                    }
                } else {
                    lastOptionHasArgument = true;
                }
            } else {
                options.append(Repr.quote(arg.getBytes(StandardCharsets.UTF_8))).append(' ');
                lastOptionHasArgument = true;
            }
        }
        return new CommandLine(configFile, options.toString());
    }

    /** Loads the config file (if any) and then the command-line options. */
    public void load(CommandLine commandLine) throws FatalConfigError {
        StringBuilder text = new StringBuilder();
        String fileLabel = null;
        int fileLines = 0;
        if (commandLine.configFile() != null) {
            Path path = Path.of(commandLine.configFile());
            String content = readFile(path);
            text.append(content);
            fileLabel = path.toAbsolutePath().normalize().toString();
            fileLines = content.split("\n", -1).length;
            config.configFile = fileLabel;
        }
        if (!commandLine.options().isEmpty()) {
            text.append('\n').append(commandLine.options());
        }
        loadString(text.toString(), fileLabel, fileLines);
    }

    private String readFile(Path path) throws FatalConfigError {
        try {
            return Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new FatalConfigError("Fatal error, can't open config file '" + path + "': "
                    + (Files.exists(path) ? "Permission denied" : "No such file or directory"));
        }
    }

    /**
     * Applies config text. {@code fileLabel} names the file the first {@code fileLines} lines came
     * from, so that an error there names the file.
     */
    public void loadString(String text, String fileLabel, int fileLines) throws FatalConfigError {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = fileLabel != null && i < fileLines
                    ? "Reading the configuration file " + fileLabel + ", at line " + (i + 1)
                    : "Reading the configuration file, at line " + (i + 1);
            List<String> argv = splitLine(line);
            if (argv == null) {
                throw fatal(where, line, "Unbalanced quotes in configuration line");
            }
            if (argv.isEmpty()) {
                continue;
            }
            String name = argv.get(0).toLowerCase(Locale.ROOT);
            List<String> args = argv.subList(1, argv.size());
            if (name.equals("include") && args.size() == 1) {
                Path included = Path.of(args.get(0));
                String content = readFile(included);
                loadString(content, included.toAbsolutePath().normalize().toString(), content.split("\n", -1).length);
                continue;
            }
            ConfigParameter parameter = config.find(name);
            if (parameter == null) {
                String reason = ServerConfig.isUnsupportedRedisParameter(name)
                        ? ServerConfig.unsupportedReason(name)
                        : "Bad directive or wrong number of arguments";
                throw fatal(where, line, reason);
            }
            if (args.isEmpty() || (!parameter.has(ConfigParameter.MULTI_ARGUMENT) && args.size() != 1)) {
                throw fatal(where, line, "wrong number of arguments");
            }
            try {
                if (parameter.has(ConfigParameter.MULTI_ARGUMENT) && args.size() == 1 && !args.get(0).isEmpty()) {
                    // As redis-server does: one quoted value with spaces ("normal 1mb 0 0") is split.
                    parameter.prepareFromString(args.get(0), true).apply();
                    continue;
                }
                parameter.prepare(List.copyOf(args), true).apply();
            } catch (ConfigException e) {
                throw fatal(where, line, e.getMessage());
            }
        }
    }

    private FatalConfigError fatal(String where, String line, String reason) {
        return new FatalConfigError("\n*** FATAL CONFIG FILE ERROR (" + versionBanner + ") ***\n"
                + where + "\n>>> '" + line + "'\n" + reason);
    }

    /** Splits one config line with redis.conf quoting; null when quotes are unbalanced. */
    static List<String> splitLine(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
        List<String> out = new ArrayList<>();
        boolean ok = InlineSplitter.split(bytes, bytes.length,
                (b, off, len) -> out.add(new String(b, off, len, StandardCharsets.ISO_8859_1)));
        return ok ? out : null;
    }
}
