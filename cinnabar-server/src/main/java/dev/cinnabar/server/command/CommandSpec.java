package dev.cinnabar.server.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Everything known about one command or subcommand: the facts Redis publishes through COMMAND
 * (arity, flags, key positions, ACL categories, tips), its documentation (group, since, summary,
 * complexity, argument tree), the handler that runs it, and its running statistics (INFO
 * commandstats and latencystats).
 *
 * <p>Specs are read from the {@code *.spec} resources by {@link SpecParser}; nothing about a
 * command's arity or flags is written anywhere else.
 */
public final class CommandSpec {
    // ---- facts ----
    final String name;
    final CommandSpec parent;
    int arity;
    long flags;
    long aclCategories;
    int firstKey;
    int lastKey;
    int keyStep;
    List<String> tips = List.of();
    List<KeySpec> keySpecs = List.of();
    final Map<String, CommandSpec> subcommands = new LinkedHashMap<>();

    // ---- documentation ----
    String summary;
    String group;
    String since;
    String complexity;
    List<String> docFlags = List.of();
    String deprecatedSince;
    String replacedBy;
    List<ArgumentSpec> arguments = List.of();

    // ---- behaviour ----
    CommandHandler handler;
    KeyFinder.Custom customKeys;

    // ---- statistics (owned by the event loop thread) ----
    public long calls;
    public long nanoseconds;
    public long rejectedCalls;
    public long failedCalls;
    private Histogram latency;

    CommandSpec(String name, CommandSpec parent) {
        this.name = name;
        this.parent = parent;
    }

    /** The full lowercase name: "get", or "client|kill" for a subcommand. */
    public String fullName() {
        return name;
    }

    /** The name as declared, without the parent: "kill" for "client|kill". */
    public String declaredName() {
        int bar = name.indexOf('|');
        return bar < 0 ? name : name.substring(bar + 1);
    }

    /** The full name with '|' replaced by '_', as INFO commandstats prints it. */
    public String statsName() {
        return name;
    }

    public CommandSpec parent() {
        return parent;
    }

    public boolean isSubcommand() {
        return parent != null;
    }

    public boolean isContainer() {
        return !subcommands.isEmpty();
    }

    public Map<String, CommandSpec> subcommands() {
        return Collections.unmodifiableMap(subcommands);
    }

    public CommandSpec subcommand(String lowerName) {
        return subcommands.get(lowerName);
    }

    public int arity() {
        return arity;
    }

    /** Whether {@code argc} arguments (command name included) satisfy the arity. */
    public boolean arityAccepts(int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }

    public boolean has(CommandFlag flag) {
        return (flags & flag.bit()) != 0;
    }

    public long flags() {
        return flags;
    }

    public boolean inCategory(AclCategory category) {
        return (aclCategories & category.bit()) != 0;
    }

    public long aclCategories() {
        return aclCategories;
    }

    public int firstKey() {
        return firstKey;
    }

    public int lastKey() {
        return lastKey;
    }

    public int keyStep() {
        return keyStep;
    }

    public List<String> tips() {
        return tips;
    }

    public List<KeySpec> keySpecs() {
        return keySpecs;
    }

    public String summary() {
        return summary;
    }

    public String group() {
        return group;
    }

    public String since() {
        return since;
    }

    public String complexity() {
        return complexity;
    }

    public List<String> docFlags() {
        return docFlags;
    }

    public String deprecatedSince() {
        return deprecatedSince;
    }

    public String replacedBy() {
        return replacedBy;
    }

    public List<ArgumentSpec> arguments() {
        return arguments;
    }

    public CommandHandler handler() {
        return handler;
    }

    /** Binds the code that runs this command (done once, by the family that owns it). */
    public void bind(CommandHandler handler) {
        if (this.handler != null) {
            throw new IllegalStateException("command '" + name + "' is bound twice");
        }
        this.handler = handler;
    }

    /** Replaces key-spec based key finding for this command (see {@link KeyFinder}). */
    public void bindKeyFinder(KeyFinder.Custom finder) {
        this.customKeys = finder;
    }

    /** The printed flags, in Redis's order. */
    public List<String> printedFlags() {
        List<String> out = new ArrayList<>();
        for (CommandFlag f : CommandFlag.values()) {
            if (f.printed() && has(f)) {
                out.add(f.wireName());
            }
        }
        return out;
    }

    /** The ACL categories as "@name", in Redis's order. */
    public List<String> printedCategories() {
        List<String> out = new ArrayList<>();
        for (AclCategory c : AclCategory.values()) {
            if (inCategory(c)) {
                out.add(c.wireName());
            }
        }
        return out;
    }

    /** Upper-case full name, as used in "Try CLIENT HELP." messages. */
    public String upperName() {
        return name.toUpperCase(Locale.ROOT);
    }

    // ---- statistics ----

    /** Records one completed call that took {@code nanos} nanoseconds. */
    public void recordCall(long nanos, boolean trackLatency) {
        calls++;
        nanoseconds += nanos;
        if (trackLatency) {
            if (latency == null) {
                // The same range and precision as Redis's per-command histograms: 1 ns to 1 s, 2 digits.
                latency = new Histogram(1, 1_000_000_000L, 2);
            }
            latency.recordValue(Math.max(1, Math.min(nanos, 1_000_000_000L)));
        }
    }

    /** Total time spent in this command, in microseconds (INFO commandstats' usec). */
    public long microseconds() {
        return nanoseconds / 1000;
    }

    /** The latency histogram in nanoseconds, or null when nothing was recorded. */
    public Histogram latencyHistogram() {
        return latency;
    }

    public void resetStats() {
        calls = 0;
        nanoseconds = 0;
        rejectedCalls = 0;
        failedCalls = 0;
        latency = null;
    }

    @Override
    public String toString() {
        return "CommandSpec[" + name + "]";
    }
}
