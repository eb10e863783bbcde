package dev.cinnabar.server.info;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/** Process-level figures for INFO memory and INFO cpu, read from /proc and the JVM. */
public final class ProcessMetrics {
    private static final long PAGE_SIZE = 4096;
    private static final double CLOCK_TICKS = 100.0;

    private ProcessMetrics() {}

    /** Resident set size in bytes (0 when /proc is not available). */
    public static long residentBytes() {
        try {
            String[] fields = Files.readString(Path.of("/proc/self/statm")).trim().split(" ");
            return Long.parseLong(fields[1]) * PAGE_SIZE;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Heap bytes in use by the JVM (live data plus garbage not yet collected). */
    public static long heapUsedBytes() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        return memory.getHeapMemoryUsage().getUsed() + memory.getNonHeapMemoryUsage().getUsed();
    }

    /** Total memory of the machine in bytes, from /proc/meminfo. */
    public static long totalSystemMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return Runtime.getRuntime().maxMemory();
    }

    /** User and system CPU seconds of the whole process, from /proc/self/stat. */
    public static double[] processCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command name: state is field 0, utime is 11, stime is 12.
            return new double[] {Long.parseLong(fields[11]) / CLOCK_TICKS, Long.parseLong(fields[12]) / CLOCK_TICKS};
        } catch (IOException | RuntimeException e) {
            return new double[] {0, 0};
        }
    }

    /** User and system CPU seconds of one thread. */
    public static double[] threadCpuSeconds(long threadId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try {
            long total = threads.getThreadCpuTime(threadId);
            long user = threads.getThreadUserTime(threadId);
            if (total < 0 || user < 0) {
                return new double[] {0, 0};
            }
            return new double[] {user / 1e9, (total - user) / 1e9};
        } catch (UnsupportedOperationException e) {
            return new double[] {0, 0};
        }
    }

    /** Human-readable bytes as Redis prints them (B, K, M, G... with two decimals). */
    public static String human(long bytes) {
        double n = bytes;
        if (n < 1024) {
            return bytes + "B";
        }
        String units = "KMGTPE";
        int unit = -1;
        while (n >= 1024 && unit < units.length() - 1) {
            n /= 1024;
            unit++;
        }
        return String.format("%.2f%c", n, units.charAt(unit));
    }
}
