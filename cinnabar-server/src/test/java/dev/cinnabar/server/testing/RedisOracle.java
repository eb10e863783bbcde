package dev.cinnabar.server.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference: a real redis-server (Debian's 7.0.15) started by the tests on a free port.
 * Missing redis-server is a test failure with instructions, never a silent skip.
 */
public final class RedisOracle implements AutoCloseable {
    private static RedisOracle shared;

    private final Process process;
    private final int port;
    private final Path directory;

    private RedisOracle(List<String> extraArgs) throws IOException, InterruptedException {
        String binary = findBinary("redis-server");
        port = freePort();
        directory = Files.createTempDirectory("cinnabar-oracle");
        List<String> command = new ArrayList<>(List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--enable-debug-command", "yes", "--daemonize", "no",
                "--dir", directory.toString(), "--logfile", directory.resolve("redis.log").toString()));
        command.addAll(extraArgs);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (RespConnection c = new RespConnection(port)) {
                if (c.call("PING").describe().equals("+PONG")) {
                    break;
                }
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("redis-server did not start: "
                            + Files.readString(directory.resolve("stdout.log")), e);
                }
                Thread.sleep(20);
            }
        }
    }

    /** One redis-server shared by every test in this JVM (stopped when the JVM exits). */
    public static synchronized RedisOracle shared() {
        if (shared == null) {
            shared = start();
            RedisOracle s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close));
        }
        return shared;
    }

    /** A private redis-server, with extra command-line options. */
    public static RedisOracle start(String... extraArgs) {
        try {
            return new RedisOracle(List.of(extraArgs));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public RespConnection connect() {
        return new RespConnection(port);
    }

    /** Finds a Redis tool on the PATH or in /usr/bin; fails with install instructions otherwise. */
    public static String findBinary(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        File usr = new File("/usr/bin/" + name);
        if (usr.canExecute()) {
            return usr.getAbsolutePath();
        }
        throw new IllegalStateException(name + " is not installed: the differential and interop tests need the "
                + "reference Redis. Run bin/test (which installs it) or: apt-get install -y redis-server redis-tools");
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
