package dev.chorus.provider;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;

/**
 * Counts tokens with OpenAI's o200k_base tokenizer, used when a provider reports no usage. The
 * count is exact for OpenAI's o200k models (gpt-4o, gpt-4.1, o-series); for every other model
 * (Claude, Mistral, Llama, Grok) it is only an estimate that can be off by tens of percent, as
 * each has its own tokenizer. Thread-safe.
 */
public final class TokenEstimator {

    // OpenAI's cookbook ("How to count tokens with tiktoken") for gpt-4o-style chat: each message is
    // wrapped as <|start|>{role}<|message|>{content}<|end|>, 3 tokens plus the role's own tokens,
    // and every reply is primed with <|start|>assistant<|message|>, 3 more.
    private static final int TOKENS_PER_MESSAGE = 3;
    private static final int REPLY_PRIMING = 3;
    // BPE merging is superlinear on long runs without spaces (a pasted blob took seconds); text
    // past this is counted at o200k's average of about four characters a token instead.
    private static final int EXACT_CHARS = 16_384;

    private TokenEstimator() {
    }

    /** The tokens of {@code text} alone; 0 for null. */
    public static long estimate(String text) {
        // countTokensOrdinary, not countTokens: the latter throws on text that spells a special
        // token such as "<|endoftext|>", and user text may contain anything.
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (text.length() <= EXACT_CHARS) {
            return Tokenizer.O200K.countTokensOrdinary(text);
        }
        int cut = Character.isHighSurrogate(text.charAt(EXACT_CHARS - 1)) ? EXACT_CHARS - 1 : EXACT_CHARS;
        return Tokenizer.O200K.countTokensOrdinary(text.substring(0, cut)) + (text.length() - cut + 3L) / 4;
    }

    /**
     * The prompt tokens of a chat request: contents, roles and the chat-format overhead. OpenAI
     * calls that overhead model-dependent, so even for its own models this sum may be off by a few.
     */
    public static long estimate(List<ChatMessage> messages) {
        long tokens = REPLY_PRIMING;
        for (ChatMessage message : messages) {
            tokens += TOKENS_PER_MESSAGE + estimate(message.role().wireName()) + estimate(message.content());
        }
        return tokens;
    }

    /**
     * Loading a BPE table takes about a second, so it happens once, on first use, not at class
     * load: the holder idiom makes that lazy and thread-safe, and encodings are immutable. The lazy
     * registry loads only o200k_base, not every encoding jtokkit ships.
     */
    private static final class Tokenizer {
        static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }
}
