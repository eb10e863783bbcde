package dev.cinnabar.server.config;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * One configuration parameter: its Redis name and aliases, how CONFIG GET and CONFIG REWRITE
 * print it, and how a new value is checked and applied.
 *
 * <p>Setting is split in two so that CONFIG SET with several parameters is all or nothing:
 * {@link #prepare} validates the arguments and returns the change without applying it, and the
 * caller applies every change only when all of them validated.
 */
public final class ConfigParameter {
    /** Only settable in the config file or on the command line. */
    public static final int IMMUTABLE = 1;
    /** Settable at run time only when enable-protected-configs allows it. */
    public static final int PROTECTED = 2;
    /** Takes several arguments on a config-file line ("save 900 1", "bind a b"). */
    public static final int MULTI_ARGUMENT = 4;
    /** Hidden from logs: its value is a secret. */
    public static final int SENSITIVE = 8;
    /** A free-form string: CONFIG REWRITE writes it quoted. */
    public static final int STRING_VALUE = 16;
    /** A byte count: CONFIG REWRITE writes it with a unit (gb, mb, kb) when it divides exactly. */
    public static final int MEMORY_VALUE = 32;

    /** A validated change, applied later. */
    @FunctionalInterface
    public interface Change {
        void apply() throws ConfigException;
    }

    /** Checks arguments and returns the change they describe. */
    @FunctionalInterface
    public interface Preparer {
        Change prepare(List<String> arguments, boolean startup) throws ConfigException;
    }

    private final String name;
    private final List<String> aliases;
    private final int flags;
    private final Supplier<String> getter;
    private final Preparer preparer;
    private final String defaultValue;

    public ConfigParameter(String name, List<String> aliases, int flags, Supplier<String> getter, Preparer preparer) {
        this.name = name;
        this.aliases = aliases;
        this.flags = flags;
        this.getter = getter;
        this.preparer = preparer;
        this.defaultValue = getter.get();
    }

    public String name() {
        return name;
    }

    public List<String> aliases() {
        return aliases;
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** The value as CONFIG GET prints it. */
    public String value() {
        return getter.get();
    }

    /** The value the parameter had when the server was created (for CONFIG REWRITE). */
    public String defaultValue() {
        return defaultValue;
    }

    public boolean isDefault() {
        return value().equals(defaultValue);
    }

    /**
     * Validates a value given as one string (CONFIG SET). A multi-argument value is split on
     * every single space, as Redis's sdssplitlen does: "" is no argument at all, and two spaces
     * in a row (or a leading or trailing space) make an empty argument.
     */
    public Change prepareFromString(String value, boolean startup) throws ConfigException {
        List<String> arguments;
        if (has(MULTI_ARGUMENT)) {
            arguments = splitSpaces(value);
        } else {
            arguments = List.of(value);
        }
        return preparer.prepare(arguments, startup);
    }

    /** Validates a value given as config-file arguments. */
    public Change prepare(List<String> arguments, boolean startup) throws ConfigException {
        return preparer.prepare(arguments, startup);
    }

    /** sdssplitlen(value, " "): no elements for "", otherwise every piece between spaces, empty ones included. */
    static List<String> splitSpaces(String value) {
        if (value.isEmpty()) {
            return List.of();
        }
        return List.of(value.split(" ", -1));
    }

    public boolean answersTo(String lowerName) {
        return name.equals(lowerName) || aliases.contains(lowerName);
    }

    @Override
    public String toString() {
        return name.toLowerCase(Locale.ROOT);
    }
}
