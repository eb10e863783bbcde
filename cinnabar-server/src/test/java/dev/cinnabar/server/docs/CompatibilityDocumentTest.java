package dev.cinnabar.server.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cinnabar.server.Server;
import dev.cinnabar.server.command.CommandSpec;
import dev.cinnabar.server.config.ConfigParameter;
import dev.cinnabar.server.testing.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/COMPATIBILITY.md true: its command tables are parsed and checked against the live
 * command table of an embedded server and against the committed list of Redis 7.0's commands
 * (src/test/resources/redis-7.0-commands.txt); its configuration table is checked against the
 * parameters Cinnabar defines.
 *
 * <p>A command table is any Markdown table whose header starts with {@code | Command |}; its rows
 * are {@code | `NAME [SUB]` | since | supported|partial|absent | notes |}. A parameter table is any
 * table whose header starts with {@code | Parameter |}; the back-quoted words of its first column
 * are parameter names and aliases.
 */
class CompatibilityDocumentTest {
    private static final String DOC = "docs/COMPATIBILITY.md";
    private static final Set<String> STATUSES = Set.of("supported", "partial", "absent");
    private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z0-9_\\-]*(?: [A-Z][A-Z0-9_\\-]*)?)`");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Pattern QUOTED = Pattern.compile("`([^`]+)`");

    /** One row of a command table; {@code name} is lowercase with '|' before a subcommand. */
    record Row(String name, String since, String status, String notes, int line) {
        String shown() {
            return "`" + name.replace('|', ' ').toUpperCase(Locale.ROOT) + "` (line " + line + ")";
        }
    }

    private static final List<Row> rows = new ArrayList<>();
    private static final List<String> malformed = new ArrayList<>();
    private static final List<String> parameterNames = new ArrayList<>();
    private static Server server;

    @BeforeAll
    static void parse() throws IOException {
        server = TestServers.shared().server();
        List<String> lines = Files.readAllLines(locateDocument(), StandardCharsets.UTF_8);
        String tableKind = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int lineNumber = i + 1;
            if (!line.startsWith("|")) {
                tableKind = null;
                continue;
            }
            List<String> cells = cells(line);
            if (tableKind == null) {
                // A header row: the next line must be the |---| separator.
                tableKind = cells.isEmpty() ? "" : cells.get(0);
                if (i + 1 < lines.size() && lines.get(i + 1).strip().matches("\\|[\\s:|-]+\\|?")) {
                    i++;
                }
                continue;
            }
            switch (tableKind) {
                case "Command" -> parseCommandRow(cells, lineNumber);
                case "Parameter" -> {
                    Matcher m = QUOTED.matcher(cells.isEmpty() ? "" : cells.get(0));
                    boolean any = false;
                    while (m.find()) {
                        parameterNames.add(m.group(1));
                        any = true;
                    }
                    if (!any) {
                        malformed.add("line " + lineNumber + ": a parameter row names no `parameter`: " + line);
                    }
                }
                default -> { }
            }
        }
        if (rows.isEmpty()) {
            fail(DOC + " has no command table (a table whose header starts with '| Command |')");
        }
    }

    private static void parseCommandRow(List<String> cells, int line) {
        if (cells.size() != 4) {
            malformed.add("line " + line + ": a command row needs 4 cells (Command | Since | Status | Notes), found "
                    + cells.size() + ": " + cells);
            return;
        }
        Matcher name = NAME.matcher(cells.get(0));
        if (!name.matches()) {
            malformed.add("line " + line + ": the Command cell must be one back-quoted upper-case command, "
                    + "optionally with its subcommand (`CLIENT KILL`), found '" + cells.get(0) + "'");
            return;
        }
        String since = cells.get(1).replace("*", "").strip();
        if (!VERSION.matcher(since).matches()) {
            malformed.add("line " + line + ": " + cells.get(0) + " has Since '" + cells.get(1)
                    + "', not a version such as 7.0.0");
        }
        String status = cells.get(2).strip();
        if (!STATUSES.contains(status)) {
            malformed.add("line " + line + ": " + cells.get(0) + " has Status '" + status
                    + "', not one of supported, partial, absent");
        }
        String fullName = name.group(1).toLowerCase(Locale.ROOT).replace(' ', '|');
        rows.add(new Row(fullName, since, status, cells.get(3).strip(), line));
    }

    /** The cells of a table row; '|' inside `code` or escaped as \| does not split. */
    static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        String body = line.strip();
        body = body.substring(1, body.endsWith("|") && body.length() > 1 ? body.length() - 1 : body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length() && body.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '`') {
                code = !code;
                cell.append(c);
            } else if (c == '|' && !code) {
                out.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString().strip());
        return out;
    }

    /** Maven runs tests in the module directory, so the document is one level up. */
    private static Path locateDocument() {
        for (String candidate : List.of("../" + DOC, DOC)) {
            Path p = Path.of(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        fail("cannot find " + DOC + " from the working directory " + Path.of("").toAbsolutePath()
                + " (looked in ../" + DOC + " and " + DOC + ")");
        return null;
    }

    private static Map<String, Row> rowsByName() {
        Map<String, Row> byName = new LinkedHashMap<>();
        for (Row r : rows) {
            byName.putIfAbsent(r.name(), r);
        }
        return byName;
    }

    private static void assertNone(List<String> problems, String what) {
        assertTrue(problems.isEmpty(), () -> DOC + ": " + what + ":\n  " + String.join("\n  ", problems));
    }

    @Test
    void everyRowIsWellFormed() {
        assertNone(malformed, "malformed table rows");
    }

    @Test
    void noCommandAppearsTwice() {
        Map<String, Row> seen = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Row r : rows) {
            Row first = seen.putIfAbsent(r.name(), r);
            if (first != null) {
                problems.add(r.shown() + " repeats the row of line " + first.line());
            }
        }
        assertNone(problems, "commands listed twice");
    }

    @Test
    void everyImplementedCommandHasASupportedOrPartialRow() {
        Map<String, Row> byName = rowsByName();
        List<String> problems = new ArrayList<>();
        for (CommandSpec spec : server.commands().allCommands()) {
            Row r = byName.get(spec.fullName());
            String shown = "`" + spec.fullName().replace('|', ' ').toUpperCase(Locale.ROOT) + "`";
            if (r == null) {
                problems.add(shown + " is implemented but has no row (add one, marked supported or partial)");
            } else if (r.status().equals("absent")) {
                problems.add(r.shown() + " is implemented but marked absent (mark it supported or partial)");
            }
        }
        assertNone(problems, "implemented commands not documented as implemented");
    }

    @Test
    void everySupportedOrPartialRowIsImplemented() {
        List<String> problems = new ArrayList<>();
        for (Row r : rows) {
            if (!r.status().equals("absent") && server.commands().get(r.name()) == null) {
                problems.add(r.shown() + " is marked " + r.status()
                        + " but Cinnabar's command table has no such command (mark it absent)");
            }
        }
        assertNone(problems, "rows claiming commands that are not implemented");
    }

    @Test
    void everyRedis70CommandHasARow() throws IOException {
        Map<String, Row> byName = rowsByName();
        List<String> problems = new ArrayList<>();
        List<String> redis = redis70Commands();
        assertTrue(redis.size() > 300, "redis-7.0-commands.txt looks truncated: " + redis.size() + " names");
        for (String name : redis) {
            if (!byName.containsKey(name)) {
                problems.add("`" + name.replace('|', ' ').toUpperCase(Locale.ROOT) + "` (Redis 7.0's '" + name
                        + "') has no row");
            }
        }
        assertNone(problems, "Redis 7.0 commands missing");
    }

    @Test
    void implementedRowsGiveTheVersionOfTheCommandTable() {
        List<String> problems = new ArrayList<>();
        for (Row r : rows) {
            CommandSpec spec = server.commands().get(r.name());
            if (spec != null && !spec.since().equals(r.since())) {
                problems.add(r.shown() + " says since " + r.since() + " but its spec says " + spec.since());
            }
        }
        assertNone(problems, "Since column disagrees with the command specs");
    }

    @Test
    void partialRowsSayWhatIsMissing() {
        List<String> problems = new ArrayList<>();
        for (Row r : rows) {
            if (r.status().equals("partial") && r.notes().isBlank()) {
                problems.add(r.shown() + " is partial but its Notes do not say what is missing");
            }
        }
        assertNone(problems, "partial rows without notes");
    }

    @Test
    void aSupportedCommandHasNoMissingSubcommand() {
        Map<String, Row> byName = rowsByName();
        List<String> problems = new ArrayList<>();
        for (Row r : rows) {
            int bar = r.name().indexOf('|');
            if (bar < 0) {
                continue;
            }
            Row parent = byName.get(r.name().substring(0, bar));
            if (parent != null && parent.status().equals("supported") && !r.status().equals("supported")) {
                problems.add(parent.shown() + " is marked supported but its subcommand " + r.shown() + " is "
                        + r.status() + " (mark the command partial)");
            }
        }
        assertNone(problems, "commands marked supported with subcommands that are not");
    }

    @Test
    void configurationTableListsExactlyTheDefinedParameters() {
        Set<String> defined = new TreeSet<>();
        for (ConfigParameter p : server.config().parameters()) {
            defined.add(p.name());
            defined.addAll(p.aliases());
        }
        Set<String> documented = new TreeSet<>(parameterNames);
        List<String> problems = new ArrayList<>();
        for (String name : defined) {
            if (!documented.contains(name)) {
                problems.add("parameter `" + name + "` is supported but not in the '| Parameter |' table");
            }
        }
        for (String name : documented) {
            if (!defined.contains(name)) {
                problems.add("parameter `" + name + "` is in the '| Parameter |' table but Cinnabar does not define it");
            }
        }
        assertNone(problems, "configuration table out of date");
    }

    private static List<String> redis70Commands() throws IOException {
        try (InputStream in = CompatibilityDocumentTest.class.getResourceAsStream("/redis-7.0-commands.txt")) {
            if (in == null) {
                fail("missing test resource redis-7.0-commands.txt");
            }
            List<String> names = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name.toLowerCase(Locale.ROOT));
                }
            }
            return names;
        }
    }
}
