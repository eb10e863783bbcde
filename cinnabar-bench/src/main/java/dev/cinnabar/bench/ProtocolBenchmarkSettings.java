package dev.cinnabar.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The settings every protocol benchmark shares (JMH inherits class annotations): time per
 * operation in nanoseconds, short warm-up and measurement, one fork with compact object headers
 * as the server runs, Netty's thread cache for JMH's threads (the event loop has one) and no leak
 * detection.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseCompactObjectHeaders", "-Dio.netty.allocator.useCacheForAllThreads=true",
        "-Dio.netty.leakDetection.level=disabled"})
public abstract class ProtocolBenchmarkSettings {
}
