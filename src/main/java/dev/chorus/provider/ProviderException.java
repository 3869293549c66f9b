package dev.chorus.provider;

/**
 * Root unchecked exception of this package. Thrown only for programming or configuration errors;
 * anything a provider or the network does wrong is a {@link ChatOutcome} instead.
 */
public class ProviderException extends RuntimeException {

    public ProviderException(String message) {
        super(message);
    }

    public ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
