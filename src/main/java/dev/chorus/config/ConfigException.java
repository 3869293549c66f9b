package dev.chorus.config;

/**
 * A missing or malformed configuration value. The message is one line that names the key and its
 * environment variable, and never contains the value of a secret key.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
