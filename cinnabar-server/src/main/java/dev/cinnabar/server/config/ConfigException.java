package dev.cinnabar.server.config;

/** A refused configuration value; the message is Redis's reason text (e.g. "argument must be 'yes' or 'no'"). */
public final class ConfigException extends Exception {
    public ConfigException(String reason) {
        super(reason, null, false, false);
    }
}
