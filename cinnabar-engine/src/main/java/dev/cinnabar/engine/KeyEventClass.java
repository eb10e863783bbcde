package dev.cinnabar.engine;

/** The classes of keyspace notifications, with the letters notify-keyspace-events uses. */
public enum KeyEventClass {
    GENERIC('g'), STRING('$'), LIST('l'), SET('s'), HASH('h'), SORTED_SET('z'), EXPIRED('x'), EVICTED('e'),
    STREAM('t'), KEY_MISS('m'), MODULE('d'), NEW('n');

    private final char letter;

    KeyEventClass(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }
}
