package dev.cinnabar.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cinnabar.Cinnabar;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The embedding API, used as the README shows it. */
class EmbeddingApiTest {

    @Test
    void readmeExample() {
        try (Cinnabar server = Cinnabar.builder().option("requirepass", "secret").start();
             Jedis jedis = new Jedis(server.host(), server.port())) {
            jedis.auth("secret");
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void severalServersRunSideBySideOnEphemeralPorts() {
        try (Cinnabar a = Cinnabar.start(); Cinnabar b = Cinnabar.start()) {
            assertThat(a.port()).isPositive().isNotEqualTo(b.port());
            assertThat(a.uri()).isEqualTo("redis://127.0.0.1:" + a.port());
            try (Jedis ja = new Jedis(a.host(), a.port()); Jedis jb = new Jedis(b.host(), b.port())) {
                assertThat(ja.configGet("port")).containsEntry("port", Integer.toString(a.port()));
                assertThat(jb.ping()).isEqualTo("PONG");
            }
        }
    }

    @Test
    void invalidOptionsAreRefusedWithRedisMessages() {
        assertThatThrownBy(() -> Cinnabar.builder().option("hz", "abc").start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("argument couldn't be parsed into an integer");
        assertThatThrownBy(() -> Cinnabar.builder().option("nosuchoption", "1").start())
                .hasMessageContaining("Bad directive or wrong number of arguments");
        assertThatThrownBy(() -> Cinnabar.builder().option("maxmemory", "1gb").start())
                .hasMessageContaining("Cinnabar does not support 'maxmemory' yet");
    }

    @Test
    void closeStopsTheServer() {
        Cinnabar server = Cinnabar.start();
        int port = server.port();
        server.close();
        assertThat(server.server().terminated()).isDone();
        assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", port).close()).isInstanceOf(java.io.IOException.class);
        server.close();
    }
}
