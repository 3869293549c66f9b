package dev.chorus.provider;

/** Why a model stopped producing output. */
public enum FinishReason {
    STOP,
    LENGTH,
    CONTENT_FILTER,
    TOOL_CALLS,
    /** Chorus stopped reading: the budget had no room for a longer answer. */
    BUDGET,
    OTHER;

    /** Maps an OpenAI-style {@code finish_reason}; unknown or missing values become OTHER. */
    public static FinishReason fromWire(String value) {
        if (value == null) {
            return OTHER;
        }
        return switch (value) {
            case "stop" -> STOP;
            // Mistral reports hitting the model's context window as model_length.
            case "length", "model_length" -> LENGTH;
            case "content_filter" -> CONTENT_FILTER;
            // function_call is the pre-tools name some compatible servers still send.
            case "tool_calls", "function_call" -> TOOL_CALLS;
            default -> OTHER;
        };
    }
}
