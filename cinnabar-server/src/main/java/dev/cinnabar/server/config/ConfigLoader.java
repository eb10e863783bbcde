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
            // redis-server names the file by its absolute path, in errors and in INFO.
            String absolute = absolutePath(commandLine.configFile());
            String content = readFile(absolute, Path.of(absolute));
            text.append(content);
            fileLabel = Path.of(absolute).normalize().toString();
            fileLines = content.split("\n", -1).length;
            config.configFile = absolute;
        }
        // As in redis-server, the options follow the file's content after a newline, even with
        // no file: the first option of a bare command line is line 2.
        if (!commandLine.options().isEmpty()) {
            text.append('\n').append(commandLine.options());
        }
        moduleConfigSeen = false;
        loadString(text.toString(), fileLabel, fileLines);
        if (moduleConfigSeen) {
            // Redis queues "name.with.dot value" lines for modules and aborts once loading is done
            // when no module claimed them; Cinnabar loads no modules.
            throw new FatalConfigError(
                    "Module Configuration detected without loadmodule directive or no ApplyConfig call: aborting");
        }
    }

    /** redis-server's getAbsolutePath: the current directory joined to a relative path, leading "../" resolved. */
    static String absolutePath(String filename) {
        String relative = trim(filename);
        if (relative.startsWith("/")) {
            return relative;
        }
        String cwd = new java.io.File("").getAbsolutePath();
        StringBuilder absolute = new StringBuilder(cwd);
        if (absolute.isEmpty() || absolute.charAt(absolute.length() - 1) != '/') {
            absolute.append('/');
        }
        while (relative.startsWith("../")) {
            relative = relative.substring(3);
            if (absolute.length() > 1) {
                int cut = absolute.lastIndexOf("/", absolute.length() - 2);
                absolute.setLength(cut + 1);
            }
        }
        return absolute.append(relative).toString();
    }

    /** Reads a config file; {@code shown} is the name an error gives, as Redis prints it. */
    private String readFile(String shown, Path path) throws FatalConfigError {
        try {
            return Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            String reason;
            if (e instanceof java.nio.file.NoSuchFileException) {
                reason = "No such file or directory";
            } else if (e instanceof java.nio.file.AccessDeniedException) {
                reason = "Permission denied";
            } else if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
                reason = fse.getReason();
            } else {
                reason = Files.isDirectory(path) ? "Is a directory" : String.valueOf(e.getMessage());
            }
            throw new FatalConfigError("Fatal error, can't open config file '" + shown + "': " + reason);
        }
    }

    /**
     * The directives Redis 7.0 still accepts, and ignores, in a config file (with the number of
     * words a line must have): "deprecated_configs" in config.c.
     */
    private static final java.util.Map<String, Integer> DEPRECATED = java.util.Map.of(
            "list-max-ziplist-entries", 2,
            "list-max-ziplist-value", 2,
            "lua-replicate-commands", 2);

    /** A "module.config value" line was seen (refused once the whole configuration is read). */
    private boolean moduleConfigSeen;

    /**
     * Applies config text. {@code fileLabel} names the file the first {@code fileLines} lines came
     * from, so that an error there names the file.
     */
    public void loadString(String text, String fileLabel, int fileLines) throws FatalConfigError {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            // Redis trims " \t\r\n" only (not every character Java calls whitespace).
            String line = trim(lines[i]);
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
            ConfigParameter parameter = config.find(name);
            if (parameter != null) {
                List<String> values = List.copyOf(args);
                if (!parameter.has(ConfigParameter.MULTI_ARGUMENT)) {
                    if (values.size() != 1) {
                        throw fatal(where, line, "wrong number of arguments");
                    }
                } else if (values.size() == 1 && !values.get(0).isEmpty()) {
                    // A multi-argument parameter given as one argument ("--save '900 1'", or
                    // bind "a b") is split again with the same quoting rules; an empty one
                    // (save "") stays as it is.
                    List<String> split = splitLine(values.get(0));
                    values = split == null ? List.of() : split;
                }
                try {
                    parameter.prepare(values, true).apply();
                } catch (ConfigException e) {
                    throw fatal(where, line, e.getMessage());
                }
                continue;
            }
            Integer deprecatedWords = DEPRECATED.get(name);
            if (deprecatedWords != null && argv.size() == deprecatedWords) {
                continue;
            }
            if (name.equals("include") && args.size() == 1) {
                include(args.get(0));
                continue;
            }
            if (name.indexOf('.') >= 0) {
                if (args.isEmpty()) {
                    throw fatal(where, line, "Module config specified without value");
                }
                moduleConfigSeen = true;
                continue;
            }
            String reason = ServerConfig.isUnsupportedRedisParameter(name)
                    ? ServerConfig.unsupportedReason(name)
                    : "Bad directive or wrong number of arguments";
            throw fatal(where, line, reason);
        }
    }

    /**
     * {@code include path}: the file is read at this point; a relative path is relative to the
     * current {@code dir} (Redis has changed directory to it by then). A path with a glob
     * character includes every matching file in name order, and nothing when none matches.
     */
    private void include(String name) throws FatalConfigError {
        if (name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0) {
            for (String file : glob(name)) {
                includeFile(file);
            }
        } else {
            includeFile(name);
        }
    }

    private void includeFile(String name) throws FatalConfigError {
        Path path;
        try {
            path = Path.of(config.dir).resolve(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw new FatalConfigError("Fatal error, can't open config file '" + name + "': No such file or directory");
        }
        if (name.isEmpty()) {
            throw new FatalConfigError("Fatal error, can't open config file '': No such file or directory");
        }
        String content = readFile(name, path);
        loadString(content, path.toAbsolutePath().normalize().toString(), content.split("\n", -1).length);
    }

    /** The files matching a glob pattern (in the last path component only), sorted by name. */
    private List<String> glob(String pattern) {
        Path path;
        try {
            path = Path.of(pattern);
        } catch (java.nio.file.InvalidPathException e) {
            return List.of();
        }
        Path parent = path.getParent();
        Path directory = Path.of(config.dir).resolve(parent == null ? Path.of("") : parent);
        String filePattern = path.getFileName() == null ? "" : path.getFileName().toString();
        List<String> out = new ArrayList<>();
        try (var entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String fileName = entry.getFileName().toString();
                if (fileName.startsWith(".") && !filePattern.startsWith(".")) {
                    continue;
                }
                if (dev.cinnabar.engine.GlobMatcher.matches(filePattern, fileName, false)) {
                    out.add(parent == null ? fileName : parent.resolve(fileName).toString());
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        out.sort(null);
        return out;
    }

    /** sdstrim(s, " \t\r\n"). */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && " \t\r\n".indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && " \t\r\n".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
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
