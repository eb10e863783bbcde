package dev.cinnabar.server.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cinnabar.resp.CommandArguments;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spec parser and the consistency checks of the command table. */
class CommandTableTest {

    private static Map<String, CommandSpec> parse(String text) throws Exception {
        Map<String, CommandSpec> commands = new LinkedHashMap<>();
        SpecParser.parse("test.spec", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), commands);
        return commands;
    }

    private static final String GET_LIKE = """
            command get
            summary Reads a value.
            group string
            since 1.0.0
            complexity O(1)
            arity 2
            flags readonly fast
            acl read string fast
            keys 1 1 1
            keyspec RO access | index 1 | range 0 1 0
            args
              key key key_spec=0
            """;

    @Test
    void parsesFactsDocumentationAndArgumentTrees() throws Exception {
        CommandSpec get = parse(GET_LIKE + """

                command container
                summary Groups things.
                group server
                since 1.0.0
                arity -2
                acl slow

                command container|sub
                summary Does a thing.
                group server
                since 2.0.0
                arity -3
                flags admin noscript
                acl admin slow dangerous
                args
                  filter oneof
                    ip:port string deprecated_since=2.8.12
                    new-format oneof multiple
                      client-id integer token=ID since=2.8.12 optional
                """).get("get");
        assertThat(get.arity()).isEqualTo(2);
        assertThat(get.printedFlags()).containsExactly("readonly", "fast");
        assertThat(get.printedCategories()).containsExactly("@read", "@string", "@fast");
        assertThat(get.keySpecs()).singleElement().satisfies(k -> {
            assertThat(k.flags()).containsExactly("RO", "access");
            assertThat(k.begin()).isEqualTo(new KeySpec.BeginIndex(1));
            assertThat(k.find()).isEqualTo(new KeySpec.FindRange(0, 1, 0));
        });
        assertThat(get.arguments()).singleElement().satisfies(a -> assertThat(a.keySpecIndex()).isZero());
    }

    @Test
    void nestedArgumentsKeepTheirStructure() throws Exception {
        Map<String, CommandSpec> specs = parse("""
                command container
                summary Groups things.
                group server
                since 1.0.0
                arity -2
                acl slow

                command container|sub
                summary Does a thing.
                group server
                since 2.0.0
                arity -3
                acl slow
                args
                  filter oneof
                    ip:port string deprecated_since=2.8.12
                    new-format oneof multiple
                      client-id integer token=ID since=2.8.12 optional
                  tail string optional
                """);
        CommandSpec sub = specs.get("container").subcommand("sub");
        assertThat(sub.fullName()).isEqualTo("container|sub");
        assertThat(sub.arguments()).hasSize(2);
        ArgumentSpec filter = sub.arguments().get(0);
        assertThat(filter.children()).extracting(ArgumentSpec::name).containsExactly("ip:port", "new-format");
        ArgumentSpec id = filter.children().get(1).children().get(0);
        assertThat(id.token()).isEqualTo("ID");
        assertThat(id.flags()).containsExactly("optional");
        assertThat(filter.children().get(0).deprecatedSince()).isEqualTo("2.8.12");
    }

    @Test
    void rejectsMalformedSpecs() {
        assertThatThrownBy(() -> parse("command Get\narity 2\n")).hasMessageContaining("lowercase");
        assertThatThrownBy(() -> parse("command a|b\n")).hasMessageContaining("before its container");
        assertThatThrownBy(() -> parse("command a\nflags nosuchflag\n")).hasMessageContaining("nosuchflag");
        assertThatThrownBy(() -> parse("command a\nargs\n   x string\n")).hasMessageContaining("two spaces");
        assertThatThrownBy(() -> parse("command a\nargs\n  x wrongtype\n")).hasMessageContaining("wrongtype");
        assertThatThrownBy(() -> parse("command a\nwhatever 1\n")).hasMessageContaining("unknown directive");
    }

    private static CommandTable tableOf(String text) throws Exception {
        CommandTable table = new CommandTable();
        table.load("test.spec", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        return table;
    }

    @Test
    void validationRefusesInconsistentSpecs() throws Exception {
        CommandTable unbound = tableOf(GET_LIKE);
        assertThatThrownBy(unbound::validate).hasMessageContaining("get: no handler bound");

        CommandTable writeWithoutCategory = tableOf(GET_LIKE.replace("flags readonly fast", "flags write fast"));
        writeWithoutCategory.get("get").bind((c, a) -> { });
        assertThatThrownBy(writeWithoutCategory::validate).hasMessageContaining("write flag and the @write category disagree");

        CommandTable keyWithoutSpec = tableOf(GET_LIKE.replace("key key key_spec=0", "key key key_spec=3"));
        keyWithoutSpec.get("get").bind((c, a) -> { });
        assertThatThrownBy(keyWithoutSpec::validate).hasMessageContaining("names no key spec");

        CommandTable good = tableOf(GET_LIKE);
        good.get("get").bind((c, a) -> { });
        good.validate();
    }

    @Test
    void keysAreFoundFromKeySpecs() throws Exception {
        Map<String, CommandSpec> specs = parse(GET_LIKE + """

                command mset
                summary Writes values.
                group string
                since 1.0.1
                arity -3
                flags write denyoom
                acl write string slow
                keys 1 -1 2
                keyspec OW update | index 1 | range -1 2 0

                command zunionstore
                summary Stores a union.
                group sorted-set
                since 2.0.0
                arity -4
                flags write denyoom movablekeys
                acl write sortedset slow
                keys 1 1 1
                keyspec OW update | index 1 | range 0 1 0
                keyspec RO access | index 2 | keynum 0 1 1
                """);
        CommandArguments args = new CommandArguments();
        args.setAll(new byte[][] {"MSET".getBytes(), "a".getBytes(), "1".getBytes(), "b".getBytes(), "2".getBytes()});
        assertThat(KeyFinder.find(specs.get("mset"), args, 0, 5)).extracting(KeyFinder.Key::position).containsExactly(1, 3);
        args.setAll(new byte[][] {"ZUNIONSTORE".getBytes(), "dst".getBytes(), "2".getBytes(), "x".getBytes(), "y".getBytes(),
                "WEIGHTS".getBytes(), "1".getBytes(), "2".getBytes()});
        assertThat(KeyFinder.find(specs.get("zunionstore"), args, 0, 8)).extracting(KeyFinder.Key::position)
                .containsExactly(1, 3, 4);
        args.setAll(new byte[][] {"ZUNIONSTORE".getBytes(), "dst".getBytes(), "nan".getBytes(), "x".getBytes()});
        assertThat(KeyFinder.find(specs.get("zunionstore"), args, 0, 4)).isEmpty();
    }
}
