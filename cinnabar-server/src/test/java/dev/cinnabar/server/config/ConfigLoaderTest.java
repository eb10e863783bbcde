package dev.cinnabar.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * redis.conf parsing and redis-server's command line. Every expected value and error text was
 * read from redis-server 7.0.15 given the same file or command line (values with CONFIG GET,
 * errors from the FATAL CONFIG FILE ERROR report on stderr).
 *
 * <p>Where Cinnabar deliberately differs it is said so next to the test: the report names the
 * config file when the line came from one (Redis says only "Reading the configuration file, at
 * line N"), and Redis parameters whose features Cinnabar lacks are refused by name.
 */
class ConfigLoaderTest {
    private static final String BANNER = "\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\n";

    @TempDir
    Path dir;

    // ---- helpers ----

    private ServerConfig loadArgs(String... argv) throws ConfigLoader.FatalConfigError {
        ServerConfig config = new ServerConfig();
        new ConfigLoader(config, "Redis 7.0.15").load(ConfigLoader.parseCommandLine(argv));
        return config;
    }

    /** Writes {@code content} to a config file and loads it, followed by the command-line options. */
    private ServerConfig loadFile(String content, String... options) throws Exception {
        Path file = write("redis.conf", content);
        List<String> argv = new ArrayList<>();
        argv.add(file.toString());
        argv.addAll(List.of(options));
        return loadArgs(argv.toArray(String[]::new));
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.ISO_8859_1);
        return file;
    }

    private String fileError(String content, String... options) {
        try {
            loadFile(content, options);
        } catch (ConfigLoader.FatalConfigError e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the configuration was accepted: " + content);
    }

    private String argsError(String... argv) {
        try {
            loadArgs(argv);
        } catch (ConfigLoader.FatalConfigError e) {
            return e.getMessage();
        }
        throw new AssertionError("the command line was accepted: " + List.of(argv));
    }

    /** The report for an error on line {@code line} of the test's config file. */
    private String fileReport(int line, String text, String reason) {
        return BANNER + "Reading the configuration file " + dir.resolve("redis.conf") + ", at line " + line + "\n>>> '"
                + text + "'\n" + reason;
    }

    /** The report for an error on a line that came from the command line. */
    private static String report(int line, String text, String reason) {
        return BANNER + "Reading the configuration file, at line " + line + "\n>>> '" + text + "'\n" + reason;
    }

    private String lineError(String line) {
        return fileError(line + "\n");
    }

    // ---- syntax of the file ----

    @Test
    void commentsBlankLinesAndIndentationAreIgnored() throws Exception {
        ServerConfig c = loadFile("# a comment\n\n   \n\t# indented comment\n  hz 20  \r\n\ttimeout\t30\r\n#hz 99\n");
        assertThat(c.hz).isEqualTo(20);
        assertThat(c.timeoutSeconds).isEqualTo(30);
    }

    @Test
    void directiveNamesAreCaseInsensitive() throws Exception {
        ServerConfig c = loadFile("HZ 20\nTcp-KeepAlive 60\n");
        assertThat(c.hz).isEqualTo(20);
        assertThat(c.tcpKeepAlive).isEqualTo(60);
    }

    @Test
    void laterLinesWin() throws Exception {
        assertThat(loadFile("hz 20\nhz 30\n").hz).isEqualTo(30);
    }

    @Test
    void doubleQuotesUnderstandCEscapes() throws Exception {
        // redis-server: requirepass "a\x41\tb\n\"q\"\\ \x4g\y" gives aA<TAB>b<LF>"q"\ x4gy
        ServerConfig c = loadFile("requirepass \"a\\x41\\tb\\n\\\"q\\\"\\\\ \\x4g\\y\"\n");
        assertThat(c.requirePass).isEqualTo("aA\tb\n\"q\"\\ x4gy");
    }

    @Test
    void singleQuotesUnderstandOnlyTheEscapedQuote() throws Exception {
        // redis-server: requirepass 'it\'s "x" \n' gives it's "x" \n (backslash-n kept as two characters)
        ServerConfig c = loadFile("requirepass 'it\\'s \"x\" \\n'\n");
        assertThat(c.requirePass).isEqualTo("it's \"x\" \\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hz \"5", "hz '5", "hz \"5\"x", "hz '5'x", "requirepass \"a\\\""})
    void unbalancedQuotes(String line) {
        assertThat(lineError(line)).isEqualTo(fileReport(1, line, "Unbalanced quotes in configuration line"));
    }

    @Test
    void reportShowsTheTrimmedLine() {
        assertThat(fileError("hz 5\n  \thz   \"5\r\n")).isEqualTo(fileReport(2, "hz   \"5",
                "Unbalanced quotes in configuration line"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus 1", "bogus", "include", "include a b", "INCLUDE a b", "\"\"", "\"\" x"})
    void badDirective(String line) {
        assertThat(lineError(line)).isEqualTo(fileReport(1, line, "Bad directive or wrong number of arguments"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hz", "hz 5 6", "timeout 1 2 3", "loglevel", "requirepass a b"})
    void wrongNumberOfArguments(String line) {
        assertThat(lineError(line)).isEqualTo(fileReport(1, line, "wrong number of arguments"));
    }

    // ---- values ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1k|1000", "1kb|1024", "1K|1000", "1KB|1024", "1Kb|1024", "1m|1000000", "1mb|1048576", "1MB|1048576",
        "1g|1000000000", "1gb|1073741824", "1Gb|1073741824", "7b|7", "7B|7", "10|10", "010|10", "''|0", "kb|0",
        // strtoull saturates, the unit multiplication wraps modulo 2^64: 2^64 + 2^30 bytes is 1gb
        "17179869185gb|1073741824", "17179869184gb|0", "9223372036854775807|9223372036854775807"})
    void memoryUnits(String text, long bytes) throws Exception {
        // hash-max-listpack-value is a memory parameter with the range 0..LLONG_MAX
        ServerConfig c = loadFile("hash-max-listpack-value \"" + text + "\"\n");
        assertThat(c.hashMaxListpackValue).isEqualTo(bytes);
        assertThat(c.find("hash-max-listpack-value").value()).isEqualTo(Long.toString(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1t", "1.5mb", "-1", "-1mb", "+1mb", "1 mb", "1kbb", "0x10", "1e3", "abc"})
    void invalidMemoryValues(String text) {
        String line = "proto-max-bulk-len \"" + text + "\"";
        assertThat(lineError(line)).isEqualTo(fileReport(1, line, "argument must be a memory value"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1k", "1m", "1mb1", "", "9223372036854775808", "18446744073709551615",
        "18446744073709551616", "99999999999999999999999", "9999999999gb"})
    void memoryValuesOutOfRange(String text) {
        // Bytes beyond 2^63-1 read as negative, so they fail the range check, not the syntax check.
        String line = "proto-max-bulk-len \"" + text + "\"";
        String expected = text.equals("1mb1") ? "argument must be a memory value"
                : "argument must be between 1048576 and 9223372036854775807 inclusive";
        assertThat(lineError(line)).isEqualTo(fileReport(1, line, expected));
    }

    @Test
    void memoryParameters() throws Exception {
        ServerConfig c = loadFile("proto-max-bulk-len 1gb\nclient-query-buffer-limit 2MB\nzset-max-ziplist-value 1k\n");
        assertThat(c.protoMaxBulkLength).isEqualTo(1L << 30);
        assertThat(c.clientQueryBufferLimit).isEqualTo(2L << 20);
        assertThat(c.zsetMaxListpackValue).isEqualTo(1000);
        assertThat(lineError("hash-max-listpack-value -1"))
                .isEqualTo(fileReport(1, "hash-max-listpack-value -1", "argument must be a memory value"));
    }

    @Test
    void yesNo() throws Exception {
        assertThat(loadFile("protected-mode NO\n").protectedMode).isFalse();
        assertThat(loadFile("protected-mode no\nprotected-mode Yes\n").protectedMode).isTrue();
        assertThat(loadFile("latency-tracking no\n").latencyTracking).isFalse();
        for (String bad : List.of("maybe", "1", "true", "\"\"", "y")) {
            String line = "protected-mode " + bad;
            assertThat(lineError(line)).isEqualTo(fileReport(1, line, "argument must be 'yes' or 'no'"));
        }
    }

    @Test
    void enumerations() throws Exception {
        assertThat(loadFile("loglevel DEBUG\n").logLevel.configName()).isEqualTo("debug");
        assertThat(loadFile("loglevel Warning\n").find("loglevel").value()).isEqualTo("warning");
        assertThat(loadFile("enable-debug-command LOCAL\n").enableDebugCommand).isEqualTo(ServerConfig.Access.LOCAL);
        assertThat(lineError("loglevel loud")).isEqualTo(fileReport(1, "loglevel loud",
                "argument(s) must be one of the following: debug, verbose, notice, warning"));
        assertThat(lineError("loglevel nothing")).isEqualTo(fileReport(1, "loglevel nothing",
                "argument(s) must be one of the following: debug, verbose, notice, warning"));
        assertThat(lineError("enable-protected-configs maybe")).isEqualTo(fileReport(1,
                "enable-protected-configs maybe", "argument(s) must be one of the following: no, yes, local"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"010", "+5", "\" 5\"", "\"5 \"", "-0", "00", "0x10", "1e3", "1.5", "5k", "-", "\"\"",
        "9223372036854775808", "abc"})
    void integersFollowString2ll(String text) {
        String line = "timeout " + text;
        assertThat(lineError(line)).isEqualTo(fileReport(1, line, "argument couldn't be parsed into an integer"));
    }

    @Test
    void integers() throws Exception {
        ServerConfig c = loadFile("timeout 0\ntcp-keepalive 2147483647\nslowlog-log-slower-than -1\n"
                + "slowlog-max-len 9223372036854775807\nlist-max-ziplist-size -2147483648\nmaxclients 4294967295\n");
        assertThat(c.timeoutSeconds).isZero();
        assertThat(c.tcpKeepAlive).isEqualTo(Integer.MAX_VALUE);
        assertThat(c.slowlogLogSlowerThan).isEqualTo(-1);
        assertThat(c.slowlogMaxLength).isEqualTo(Long.MAX_VALUE);
        assertThat(c.listMaxListpackSize).isEqualTo(Integer.MIN_VALUE);
        assertThat(c.maxClients).isEqualTo(4294967295L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "maxclients 0|argument must be between 1 and 4294967295 inclusive",
        "maxclients -1|argument must be between 1 and 4294967295 inclusive",
        "maxclients 4294967296|argument must be between 1 and 4294967295 inclusive",
        "port 65536|argument must be between 0 and 65535 inclusive",
        "port -1|argument must be between 0 and 65535 inclusive",
        "timeout -1|argument must be between 0 and 2147483647 inclusive",
        "timeout 2147483648|argument must be between 0 and 2147483647 inclusive",
        "hz -5|argument must be between 0 and 2147483647 inclusive",
        "tcp-keepalive -5|argument must be between 0 and 2147483647 inclusive",
        "slowlog-log-slower-than -2|argument must be between -1 and 9223372036854775807 inclusive",
        "slowlog-max-len -5|argument must be between 0 and 9223372036854775807 inclusive",
        "latency-monitor-threshold -5|argument must be between 0 and 9223372036854775807 inclusive",
        "hash-max-ziplist-entries -5|argument must be between 0 and 9223372036854775807 inclusive",
        "set-max-intset-entries -5|argument must be between 0 and 9223372036854775807 inclusive",
        "list-max-listpack-size 2147483648|argument must be between -2147483648 and 2147483647 inclusive",
        "list-compress-depth -5|argument must be between 0 and 2147483647 inclusive",
        "databases 0|argument must be between 1 and 2147483647 inclusive",
        "client-query-buffer-limit 1k|argument must be between 1048576 and 9223372036854775807 inclusive"})
    void ranges(String line, String reason) {
        assertThat(lineError(line)).isEqualTo(fileReport(1, line, reason));
    }

    @Test
    void hzIsClampedToOneThroughFiveHundred() throws Exception {
        assertThat(loadFile("hz 0\n").find("hz").value()).isEqualTo("1");
        assertThat(loadFile("hz 600\n").find("hz").value()).isEqualTo("500");
        assertThat(loadArgs("--hz", "2147483647").hz).isEqualTo(500);
        assertThat(loadArgs("--hz", "500").hz).isEqualTo(500);
    }

    @Test
    void aliases() throws Exception {
        ServerConfig c = loadFile("hash-max-ziplist-entries 100\nHASH-MAX-ZIPLIST-VALUE 32\nzset-max-ziplist-entries 7\n"
                + "zset-max-ziplist-value 9\nlist-max-ziplist-size -3\n");
        assertThat(c.hashMaxListpackEntries).isEqualTo(100);
        assertThat(c.hashMaxListpackValue).isEqualTo(32);
        assertThat(c.zsetMaxListpackEntries).isEqualTo(7);
        assertThat(c.zsetMaxListpackValue).isEqualTo(9);
        assertThat(c.listMaxListpackSize).isEqualTo(-3);
        // the canonical name and the alias are the same parameter: the last line wins
        assertThat(loadFile("hash-max-listpack-entries 1\nhash-max-ziplist-entries 2\n").hashMaxListpackEntries)
                .isEqualTo(2);
    }

    @Test
    void deprecatedDirectivesAreAcceptedAndIgnored() throws Exception {
        // Redis 7.0 still accepts these with exactly one argument (config.c deprecated_configs).
        ServerConfig c = loadFile("list-max-ziplist-entries 5\nlist-max-ziplist-value 64\nlua-replicate-commands yes\n"
                + "LIST-MAX-ZIPLIST-ENTRIES anything\nhz 7\n");
        assertThat(c.hz).isEqualTo(7);
        assertThat(lineError("list-max-ziplist-entries 5 6"))
                .isEqualTo(fileReport(1, "list-max-ziplist-entries 5 6", "Bad directive or wrong number of arguments"));
        assertThat(lineError("list-max-ziplist-value"))
                .isEqualTo(fileReport(1, "list-max-ziplist-value", "Bad directive or wrong number of arguments"));
    }

    @Test
    void moduleConfigurations() {
        assertThat(lineError("foo.bar")).isEqualTo(fileReport(1, "foo.bar", "Module config specified without value"));
        // With a value, Redis reads the whole configuration and then aborts, since no module claims it.
        assertThat(fileError("foo.bar 1\nhz 5\n"))
                .isEqualTo("Module Configuration detected without loadmodule directive or no ApplyConfig call: aborting");
        assertThat(fileError("foo.bar 1\nbogus\n"))
                .isEqualTo(fileReport(2, "bogus", "Bad directive or wrong number of arguments"));
    }

    // ---- multi-argument parameters ----

    @Test
    void multiArgumentParameterGivenAsOneArgumentIsSplit() throws Exception {
        ServerConfig c = loadFile("client-output-buffer-limit \"normal 1mb 2MB 3\"\n"
                + "latency-tracking-info-percentiles \"1 \\\"2\\\"\"\n");
        assertThat(c.find("client-output-buffer-limit").value())
                .isEqualTo("normal 1048576 2097152 3 slave 268435456 67108864 60 pubsub 33554432 8388608 60");
        assertThat(c.find("latency-tracking-info-percentiles").value()).isEqualTo("1 2");
        ServerConfig d = loadArgs("--client-output-buffer-limit", "normal 1 2 3", "--latency-tracking-info-percentiles",
                "1 2 3");
        assertThat(d.find("client-output-buffer-limit").value())
                .isEqualTo("normal 1 2 3 slave 268435456 67108864 60 pubsub 33554432 8388608 60");
        assertThat(d.find("latency-tracking-info-percentiles").value()).isEqualTo("1 2 3");
        assertThat(loadArgs("--bind", "127.0.0.1 ::1").bind).containsExactly("127.0.0.1", "::1");
        assertThat(loadArgs("--bind", "127.0.0.1", "::1").bind).containsExactly("127.0.0.1", "::1");
    }

    @Test
    void multiArgumentParametersWithoutArguments() throws Exception {
        ServerConfig c = loadFile("client-output-buffer-limit normal 1mb 2MB \"\"\nclient-output-buffer-limit\n"
                + "latency-tracking-info-percentiles\nbind\nsave\n");
        assertThat(c.find("client-output-buffer-limit").value())
                .isEqualTo("normal 1048576 2097152 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60");
        assertThat(c.find("latency-tracking-info-percentiles").value()).isEmpty();
        assertThat(c.find("bind").value()).isEmpty();
        assertThat(lineError("client-output-buffer-limit \"normal 1mb 2MB 3\" pubsub 1 2 3"))
                .isEqualTo(fileReport(1, "client-output-buffer-limit \"normal 1mb 2MB 3\" pubsub 1 2 3",
                        "Wrong number of arguments in buffer limit configuration."));
    }

    @Test
    void outputBufferLimits() throws Exception {
        ServerConfig c = loadFile("client-output-buffer-limit replica 1 2 3 PUBSUB 4kb 5k +6\n"
                + "client-output-buffer-limit slave 7 8 4294967296\n");
        assertThat(c.find("client-output-buffer-limit").value())
                .isEqualTo("normal 0 0 0 slave 7 8 0 pubsub 4096 5000 6");
        String[][] errors = {
            {"client-output-buffer-limit master 1 2 3", "Invalid client class specified in buffer limit configuration."},
            // one group at a time: the bad number comes before the bad class
            {"client-output-buffer-limit normal x 2 3 foo 1 2 3",
                "Error in hard, soft or soft_seconds setting in buffer limit configuration."},
            {"client-output-buffer-limit normal 1 2 3 foo 1 2 3",
                "Invalid client class specified in buffer limit configuration."},
            {"client-output-buffer-limit normal 1 2", "Wrong number of arguments in buffer limit configuration."},
            {"client-output-buffer-limit normal 1 2 abc",
                "Error in hard, soft or soft_seconds setting in buffer limit configuration."},
            {"client-output-buffer-limit normal 1 2 10abc",
                "Error in hard, soft or soft_seconds setting in buffer limit configuration."},
            {"client-output-buffer-limit normal 1 2 -1",
                "Error in hard, soft or soft_seconds setting in buffer limit configuration."},
            {"client-output-buffer-limit normal 1 2 2147483648",
                "Error in hard, soft or soft_seconds setting in buffer limit configuration."},
            {"client-output-buffer-limit normal -1 2 3",
                "Error in hard, soft or soft_seconds setting in buffer limit configuration."},
            {"client-output-buffer-limit normal 1.5 2 3",
                "Error in hard, soft or soft_seconds setting in buffer limit configuration."},
        };
        for (String[] e : errors) {
            assertThat(lineError(e[0])).isEqualTo(fileReport(1, e[0], e[1]));
        }
    }

    @Test
    void percentiles() throws Exception {
        assertThat(loadFile("latency-tracking-info-percentiles 0x10 1e1 +5 .5 5. 99.9999999 0.0000001\n")
                .find("latency-tracking-info-percentiles").value()).isEqualTo("16 10 5 0.5 5 100 0");
        assertThat(lineError("latency-tracking-info-percentiles 50 nan")).isEqualTo(fileReport(1,
                "latency-tracking-info-percentiles 50 nan", "Invalid latency-tracking-info-percentiles parameters"));
        assertThat(lineError("latency-tracking-info-percentiles 5d")).isEqualTo(fileReport(1,
                "latency-tracking-info-percentiles 5d", "Invalid latency-tracking-info-percentiles parameters"));
        assertThat(lineError("latency-tracking-info-percentiles 1e-400")).isEqualTo(fileReport(1,
                "latency-tracking-info-percentiles 1e-400", "Invalid latency-tracking-info-percentiles parameters"));
        assertThat(lineError("latency-tracking-info-percentiles inf")).isEqualTo(fileReport(1,
                "latency-tracking-info-percentiles inf",
                "latency-tracking-info-percentiles parameters should sit between [0.0,100.0]"));
        assertThat(lineError("latency-tracking-info-percentiles 100.0000001")).isEqualTo(fileReport(1,
                "latency-tracking-info-percentiles 100.0000001",
                "latency-tracking-info-percentiles parameters should sit between [0.0,100.0]"));
    }

    // ---- include ----

    @Test
    void includeLoadsFilesInPlaceAndNested() throws Exception {
        Path inner = write("conf.d/inner.conf", "timeout 3\n");
        Path middle = write("conf.d/middle.conf", "\n\ninclude " + inner + "\nhz 8\n");
        ServerConfig c = loadFile("hz 5\ninclude " + middle + "\ntimeout 9\n");
        assertThat(c.hz).isEqualTo(8);
        assertThat(c.timeoutSeconds).isEqualTo(9);
        assertThat(loadFile("INCLUDE \"" + middle + "\"\nhz 9\n").hz).isEqualTo(9);
    }

    @Test
    void errorInAnIncludedFileCountsThatFilesLines() throws Exception {
        Path inner = write("inner.conf", "timeout 3\n\nbogus x\n");
        Path middle = write("middle.conf", "\n\ninclude " + inner + "\n");
        // Redis reports line 3 (of inner.conf); Cinnabar also names the file.
        assertThat(fileError("hz 5\ninclude " + middle + "\n")).isEqualTo(BANNER + "Reading the configuration file "
                + inner + ", at line 3\n>>> 'bogus x'\nBad directive or wrong number of arguments");
    }

    @Test
    void missingIncludedFile() {
        assertThat(fileError("include /nonexistent/x.conf\n"))
                .isEqualTo("Fatal error, can't open config file '/nonexistent/x.conf': No such file or directory");
    }

    @Test
    void includeWithGlobLoadsMatchingFilesInNameOrder() throws Exception {
        write("d/b.conf", "hz 9\ntimeout 2\n");
        write("d/a.conf", "timeout 4\nhz 3\n");
        write("d/c.txt", "bogus\n");
        ServerConfig c = loadFile("include " + dir.resolve("d") + "/*.conf\n");
        assertThat(c.hz).isEqualTo(9);
        assertThat(c.timeoutSeconds).isEqualTo(2);
        assertThat(loadFile("include \"" + dir.resolve("d") + "/[a].conf\"\n").hz).isEqualTo(3);
        // a pattern matching nothing includes nothing (an empty conf.d is fine)
        assertThat(loadFile("include /nonexistent/*.conf\nhz 6\n").hz).isEqualTo(6);
    }

    @Test
    void relativeIncludeFollowsDir() throws Exception {
        // Redis has changed directory to "dir" by the time it reads the include.
        write("sub/rel.conf", "timeout 11\n");
        assertThat(loadFile("dir " + dir.resolve("sub") + "\ninclude rel.conf\n").timeoutSeconds).isEqualTo(11);
    }

    // ---- the main file, the command line and line numbers ----

    @Test
    void missingConfigFileIsNamedByItsAbsolutePath() {
        String cwd = Path.of("").toAbsolutePath().toString();
        assertThat(argsError("nonexistent-cinnabar.conf"))
                .isEqualTo("Fatal error, can't open config file '" + cwd + "/nonexistent-cinnabar.conf': "
                        + "No such file or directory");
        assertThat(argsError("/nonexistent/redis.conf", "--port", "1"))
                .isEqualTo("Fatal error, can't open config file '/nonexistent/redis.conf': No such file or directory");
    }

    @Test
    void withoutAFileTheFirstOptionIsLineTwo() {
        assertThat(argsError("--bogus", "1")).isEqualTo(report(2, "bogus \"1\"", "Bad directive or wrong number of arguments"));
        assertThat(argsError("--hz", "6", "--bogus", "1"))
                .isEqualTo(report(3, "bogus \"1\"", "Bad directive or wrong number of arguments"));
    }

    @Test
    void optionLinesFollowTheFilesLines() {
        // "hz 5" without a newline: the options start on line 2; with one, on line 3.
        assertThat(fileError("hz 5", "--bogus", "1"))
                .isEqualTo(report(2, "bogus \"1\"", "Bad directive or wrong number of arguments"));
        assertThat(fileError("hz 5\n", "--bogus", "1"))
                .isEqualTo(report(3, "bogus \"1\"", "Bad directive or wrong number of arguments"));
        assertThat(fileError("hz 5\n\n", "--hz", "6", "--bogus", "1"))
                .isEqualTo(report(5, "bogus \"1\"", "Bad directive or wrong number of arguments"));
    }

    @Test
    void optionsApplyAfterTheFile() throws Exception {
        assertThat(loadFile("hz 5\ntimeout 7\n", "--hz", "6").hz).isEqualTo(6);
        assertThat(loadFile("hz 5\ntimeout 7\n", "--hz", "6").timeoutSeconds).isEqualTo(7);
    }

    @Test
    void commandLineBecomesConfigLines() {
        assertThat(ConfigLoader.parseCommandLine(new String[] {"--port", "6380"}))
                .isEqualTo(new ConfigLoader.CommandLine(null, "port \"6380\" "));
        assertThat(ConfigLoader.parseCommandLine(new String[] {"/etc/redis.conf", "--port", "6380", "--bind", "a", "b"}))
                .isEqualTo(new ConfigLoader.CommandLine("/etc/redis.conf", "port \"6380\" \nbind \"a\" \"b\" "));
        assertThat(ConfigLoader.parseCommandLine(new String[] {"--requirepass", "a b\"c"}).options())
                .isEqualTo("requirepass \"a b\\\"c\" ");
        // an option and its value in one argument
        assertThat(ConfigLoader.parseCommandLine(new String[] {"--port 6380", "--hz", "5"}).options())
                .isEqualTo("port 6380 \nhz \"5\" ");
        // "--save" alone, last or followed by another option, means save ""
        assertThat(ConfigLoader.parseCommandLine(new String[] {"--save"}).options()).isEqualTo("save \"\"");
        assertThat(ConfigLoader.parseCommandLine(new String[] {"--save", "--hz", "5"}).options())
                .isEqualTo("save \"\"\nhz \"5\" ");
        assertThat(ConfigLoader.parseCommandLine(new String[] {"--SAVE", "--hz", "5"}).options())
                .isEqualTo("SAVE \"\"\nhz \"5\" ");
        assertThat(ConfigLoader.parseCommandLine(new String[] {"--save", "", "--hz", "5"}).options())
                .isEqualTo("save \"\" \nhz \"5\" ");
        // any other option without a value takes the next argument, even one starting with "--"
        assertThat(ConfigLoader.parseCommandLine(new String[] {"--requirepass", "--secret"}).options())
                .isEqualTo("requirepass \"--secret\" ");
    }

    @Test
    void commandLineValues() throws Exception {
        assertThat(loadArgs("--port", "6380").port).isEqualTo(6380);
        assertThat(loadArgs("--requirepass", "a b").requirePass).isEqualTo("a b");
        assertThat(loadArgs("--requirepass", "--secret").requirePass).isEqualTo("--secret");
        assertThat(loadArgs("--timeout 7", "--hz", "5").timeoutSeconds).isEqualTo(7);
        assertThat(loadArgs("--save").find("save").value()).isEmpty();
        assertThat(loadArgs("--save", "--hz", "5").hz).isEqualTo(5);
        assertThat(loadArgs("--SAVE", "--hz", "5").hz).isEqualTo(5);
        assertThat(loadArgs("--save", "", "--hz", "5").hz).isEqualTo(5);
        assertThat(loadArgs("--bind", "127.0.0.1", "::1", "--hz", "5").bind).containsExactly("127.0.0.1", "::1");
    }

    @Test
    void commandLineErrors() {
        assertThat(argsError("--timeout", "5 6"))
                .isEqualTo(report(2, "timeout \"5 6\"", "argument couldn't be parsed into an integer"));
        assertThat(argsError("--timeout", "a\"b"))
                .isEqualTo(report(2, "timeout \"a\\\"b\"", "argument couldn't be parsed into an integer"));
        assertThat(argsError("--timeout", "--hz", "5"))
                .isEqualTo(report(2, "timeout \"--hz\" \"5\"", "wrong number of arguments"));
        assertThat(argsError("--hz", "5", "--timeout"))
                .isEqualTo(report(3, "timeout", "wrong number of arguments"));
    }

    @Test
    void configFileIsRemembered() throws Exception {
        Path file = write("r.conf", "hz 5\n");
        ServerConfig c = loadArgs(file.toString());
        assertThat(c.configFile).isEqualTo(file.toString());
        assertThat(loadArgs("--hz", "5").configFile).isNull();
    }

    // ---- Cinnabar's documented differences ----

    @Test
    void redisParametersWithoutTheirFeatureAreRefusedByName() {
        assertThat(lineError("maxmemory 10mb")).isEqualTo(fileReport(1, "maxmemory 10mb",
                "Cinnabar does not support 'maxmemory' yet (the feature it configures is not implemented; "
                        + "see docs/COMPATIBILITY.md)"));
        assertThat(lineError("rename-command FLUSHALL \"\"")).isEqualTo(fileReport(1, "rename-command FLUSHALL \"\"",
                "Cinnabar does not support 'rename-command' yet (the feature it configures is not implemented; "
                        + "see docs/COMPATIBILITY.md)"));
    }

    @Test
    void onlyNoSnapshotsNoAofAndNoDaemon() throws Exception {
        assertThat(lineError("save 900 1")).isEqualTo(fileReport(1, "save 900 1",
                "Cinnabar has no persistence yet: only 'save \"\"' (no snapshots) is accepted"));
        assertThat(lineError("appendonly yes")).isEqualTo(fileReport(1, "appendonly yes",
                "Cinnabar has no append-only file yet: only 'appendonly no' is accepted"));
        assertThat(lineError("appendonly maybe")).isEqualTo(fileReport(1, "appendonly maybe",
                "argument must be 'yes' or 'no'"));
        assertThat(lineError("daemonize yes")).isEqualTo(fileReport(1, "daemonize yes",
                "Cinnabar does not daemonize itself: run it in the foreground under a supervisor (systemd, a "
                        + "container, or nohup with logfile set)"));
        ServerConfig c = loadFile("save \"\"\nappendonly no\ndaemonize no\n");
        assertThat(c.find("save").value()).isEmpty();
        assertThatThrownBy(() -> loadArgs("--save", "900 1")).isInstanceOf(ConfigLoader.FatalConfigError.class);
    }

    @Test
    void dirMustBeADirectory() throws Exception {
        Path file = write("plain", "x");
        assertThat(lineError("dir " + file)).isEqualTo(fileReport(1, "dir " + file, "Not a directory"));
        assertThat(lineError("dir /nonexistent/cinnabar")).isEqualTo(fileReport(1, "dir /nonexistent/cinnabar",
                "No such file or directory"));
        assertThat(lineError("dir \"\"")).isEqualTo(fileReport(1, "dir \"\"", "No such file or directory"));
        assertThat(loadFile("dir " + dir + "\n").dir).isEqualTo(dir.toRealPath().toString());
    }
}
