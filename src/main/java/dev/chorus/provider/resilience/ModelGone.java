package dev.chorus.provider.resilience;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a provider's refusal says the model itself is gone: OpenAI's {@code model_not_found} ("The
 * model `x` does not exist or you do not have access to it"), Anthropic's {@code not_found_error}
 * ("model: x"), Google's "models/x is not found", Mistral's and xAI's "model not found" or
 * "deprecated". Such a model fails every call until the catalog changes, so it is set aside.
 */
final class ModelGone {
    private static final Pattern GONE = Pattern.compile(
            "does not exist|not[ _]found|no longer (?:available|supported)|deprecated|decommissioned|retired|"
                    + "has been shut ?down|invalid model|unknown model");

    private ModelGone() {
    }

    static boolean says(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("model") && GONE.matcher(m).find();
    }
}
