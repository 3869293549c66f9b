package dev.chorus.provider.openai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.chorus.provider.Usage;

/** {@code usage}; the details objects are missing at Mistral and Ollama. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WireUsage(
        @JsonProperty("prompt_tokens") Long promptTokens,
        @JsonProperty("completion_tokens") Long completionTokens,
        @JsonProperty("total_tokens") Long totalTokens,
        @JsonProperty("prompt_tokens_details") PromptDetails promptDetails,
        @JsonProperty("completion_tokens_details") CompletionDetails completionDetails) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PromptDetails(@JsonProperty("cached_tokens") Long cachedTokens) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CompletionDetails(@JsonProperty("reasoning_tokens") Long reasoningTokens) {
    }

    /**
     * Normalises to {@link Usage}, where output always includes reasoning. OpenAI counts
     * reasoning inside completion_tokens; xAI counts it outside (total = prompt + completion +
     * reasoning). Neither says which convention it uses, so the totals decide.
     */
    public Usage toUsage() {
        long prompt = count(promptTokens);
        long completion = count(completionTokens);
        long cached = Math.min(prompt, promptDetails == null ? 0 : count(promptDetails.cachedTokens()));
        long reasoning = completionDetails == null ? 0 : count(completionDetails.reasoningTokens());
        boolean reasoningOutside = reasoning > 0 && totalTokens != null
                && totalTokens == prompt + completion + reasoning;
        long output = reasoningOutside ? completion + reasoning : completion;
        return new Usage(prompt, cached, output, Math.min(reasoning, output), false);
    }

    private static long count(Long value) {
        return value == null ? 0 : Math.max(0, value);
    }
}
