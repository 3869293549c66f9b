package dev.chorus.provider;

import java.time.Duration;
import java.util.Objects;

/**
 * How a chat call ended. Every {@code message} is passed through a sanitiser on construction:
 * a single line of at most 200 characters with key-like strings redacted, safe to log or show.
 */
public sealed interface ChatOutcome {

    /** Whether trying the same request again later can succeed. */
    default boolean retryable() {
        return switch (this) {
            case RateLimited r -> true;
            case Overloaded o -> true;
            case ServerError s -> true;
            case Timeout t -> true;
            case NetworkError n -> true;
            // Interrupted is not retried: the user has already seen part of the answer.
            case Completed c -> false;
            case Refused r -> false;
            case AuthFailed a -> false;
            case ContextTooLong c -> false;
            case BadRequest b -> false;
            case Interrupted i -> false;
        };
    }

    /** The model answered. {@code model} is the name the server reports, often a dated snapshot. */
    record Completed(String text, Usage usage, String model, FinishReason finishReason) implements ChatOutcome {
        public Completed {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(usage, "usage");
            Objects.requireNonNull(finishReason, "finishReason");
        }
    }

    /**
     * The model declined (OpenAI {@code message.refusal}, Anthropic {@code stop_reason: "refusal"});
     * the refusal text is model output, not clipped.
     */
    record Refused(String refusal, Usage usage) implements ChatOutcome {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(usage, "usage");
        }
    }

    /** @param retryAfter how long the provider asked us to wait; null when it did not say */
    record RateLimited(Duration retryAfter, String message) implements ChatOutcome {
        public RateLimited {
            message = SafeText.of(message);
        }
    }

    /** The provider cannot take the call now; {@code reason} says whether it said so or we held back. */
    record Overloaded(Reason reason, String message) implements ChatOutcome {
        /** Who decided the call should not go out. */
        public enum Reason {
            /** The provider answered that it is overloaded. */
            PROVIDER,
            /** Its circuit breaker is open: it failed repeatedly and is skipped for a while. */
            CIRCUIT_OPEN,
            /** Too many calls to it are in flight already. */
            BULKHEAD_FULL,
            /** No model was left to ask. */
            NONE_LEFT
        }

        public Overloaded {
            java.util.Objects.requireNonNull(reason, "reason");
            message = SafeText.of(message);
        }

        public Overloaded(String message) {
            this(Reason.PROVIDER, message);
        }
    }

    record AuthFailed(String message) implements ChatOutcome {
        public AuthFailed {
            message = SafeText.of(message);
        }
    }

    record ContextTooLong(String message) implements ChatOutcome {
        public ContextTooLong {
            message = SafeText.of(message);
        }
    }

    record BadRequest(String message) implements ChatOutcome {
        public BadRequest {
            message = SafeText.of(message);
        }
    }

    record ServerError(int status, String message) implements ChatOutcome {
        public ServerError {
            message = SafeText.of(message);
        }
    }

    record Timeout(String message) implements ChatOutcome {
        public Timeout {
            message = SafeText.of(message);
        }
    }

    record NetworkError(String message) implements ChatOutcome {
        public NetworkError {
            message = SafeText.of(message);
        }
    }

    /** A stream broke after some text was already delivered to the listener. */
    record Interrupted(String partialText, String message) implements ChatOutcome {
        public Interrupted {
            Objects.requireNonNull(partialText, "partialText");
            message = SafeText.of(message);
        }
    }
}
