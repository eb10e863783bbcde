package dev.cinnabar.server;

/** Version strings. */
final class Versions {
    private Versions() {}

    static String cinnabarVersion() {
        return "0.1.0";
    }
}
