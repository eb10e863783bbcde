package dev.cinnabar.resp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyReaderTest {

    private static ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static RespValue read(String s) {
        return ReplyReader.read(buf(s));
    }

    @Test
    void readsEveryType() {
        assertThat(read("+OK\r\n")).isEqualTo(new RespValue.SimpleString("OK"));
        assertThat(read("-ERR x\r\n")).isEqualTo(new RespValue.Error("ERR x"));
        assertThat(read(":-12\r\n")).isEqualTo(new RespValue.Integer(-12));
        assertThat(read("$3\r\na\r\n\r\n")).isEqualTo(new RespValue.Bulk("a\r\n".getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(read("$-1\r\n")).isEqualTo(new RespValue.NullBulk());
        assertThat(read("*-1\r\n")).isEqualTo(new RespValue.NullArray());
        assertThat(read("_\r\n")).isEqualTo(new RespValue.Null());
        assertThat(read(",1.5\r\n")).isEqualTo(new RespValue.Double("1.5"));
        assertThat(read("#t\r\n")).isEqualTo(new RespValue.Bool(true));
        assertThat(read("#f\r\n")).isEqualTo(new RespValue.Bool(false));
        assertThat(read("(12345678901234567890\r\n")).isEqualTo(new RespValue.BigNumber("12345678901234567890"));
        assertThat(read("=8\r\ntxt:abcd\r\n")).isEqualTo(new RespValue.Verbatim("txt", "abcd".getBytes(StandardCharsets.UTF_8)));
        assertThat(read("!5\r\nERR x\r\n")).isEqualTo(new RespValue.Error("ERR x"));
        assertThat(read("*2\r\n:1\r\n$1\r\nx\r\n")).isEqualTo(RespValue.array(new RespValue.Integer(1), RespValue.bulk("x")));
        assertThat(read("~1\r\n:1\r\n")).isEqualTo(new RespValue.Aggregate('~', List.of(new RespValue.Integer(1))));
        assertThat(read(">1\r\n:1\r\n")).isEqualTo(new RespValue.Aggregate('>', List.of(new RespValue.Integer(1))));
        assertThat(read("%1\r\n+k\r\n:1\r\n"))
                .isEqualTo(new RespValue.MapValue('%', List.of(new RespValue.SimpleString("k"), new RespValue.Integer(1))));
        assertThat(read("|1\r\n+a\r\n:1\r\n:7\r\n")).isEqualTo(new RespValue.Attributed(
                new RespValue.MapValue('|', List.of(new RespValue.SimpleString("a"), new RespValue.Integer(1))),
                new RespValue.Integer(7)));
    }

    @Test
    void readsWhatRedisSendsForHello3() {
        // The start of redis-server 7.0.15's reply to HELLO 3.
        String hello = "%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:3\r\n"
                + "$2\r\nid\r\n:61\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n";
        RespValue v = read(hello);
        assertThat(v).isInstanceOf(RespValue.MapValue.class);
        assertThat(((RespValue.MapValue) v).keysAndValues()).hasSize(14).contains(RespValue.bulk("7.0.15"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+OK", "+OK\r", "$3\r\nab", "$3\r\nabc", "$3\r\nabc\r", "*2\r\n:1\r\n", "%1\r\n+k\r\n",
        "|1\r\n+a\r\n:1\r\n", "=8\r\ntxt:ab", ":1"})
    void incompleteInputReturnsNullAndConsumesNothing(String partial) {
        ByteBuf b = buf(partial);
        assertThat(ReplyReader.read(b)).isNull();
        assertThat(b.readerIndex()).isZero();
    }

    @Test
    void consecutiveRepliesAreReadOneByOne() {
        ByteBuf b = buf("+A\r\n:2\r\n$1\r\nc\r\n+D");
        assertThat(ReplyReader.read(b)).isEqualTo(new RespValue.SimpleString("A"));
        assertThat(ReplyReader.read(b)).isEqualTo(new RespValue.Integer(2));
        assertThat(ReplyReader.read(b)).isEqualTo(RespValue.bulk("c"));
        assertThat(ReplyReader.read(b)).isNull();
        assertThat(b.readableBytes()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?x\r\n", "+OK\rx", ":abc\r\n", "#x\r\n", "$-2\r\n", "*-2\r\n", "%-1\r\n", "$1\r\nabc\r\n",
        "=3\r\nabc\r\n"})
    void malformedInputIsRejected(String malformed) {
        assertThatThrownBy(() -> read(malformed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describeIsReadable() {
        assertThat(read("*3\r\n$2\r\na\"\r\n:1\r\n_\r\n").describe()).isEqualTo("*[\"a\\\"\", :1, _]");
        assertThat(RespValue.escape(new byte[] {'\n', '\r', 0, (byte) 0xff})).isEqualTo("\\n\\r\\x00\\xff");
    }
}
