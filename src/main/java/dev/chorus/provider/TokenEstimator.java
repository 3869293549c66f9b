package dev.chorus.provider;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts tokens with OpenAI's o200k_base tokenizer, used when a provider reports no usage. The
 * count is exact for OpenAI's o200k models (gpt-4o, gpt-4.1, o-series); for every other model
 * (Claude, Mistral, Llama, Grok) it is only an estimate that can be off by tens of percent, as
 * each has its own tokenizer. Thread-safe.
 *
 * <p>Counting is on the path of every question (the router needs the prompt's size), so it is done
 * chunk by chunk with a cache, as Hugging Face's BPE tokenizers do: o200k first splits text into
 * pre-tokens (words with their leading space, runs of up to three digits, punctuation, whitespace)
 * and merges bytes only within each, so a text's count is the sum of its chunks' counts. Byte-pair
 * merging costs about a microsecond per chunk and dominates; the same few thousand chunks (" the",
 * " и", " function") make up most of what people write, and a cached chunk costs a map lookup.
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

    /**
     * o200k_base's pre-tokenizer, exactly as jtokkit compiles it (the same alternatives, Unicode
     * character classes). {@code TokenEstimatorTest} checks the chunked count against jtokkit's own.
     */
    private static final Pattern O200K_CHUNKS = Pattern.compile(String.join("|",
            "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
            "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
            "\\p{N}{1,3}",
            " ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*",
            "\\s*[\\r\\n]+",
            "\\s+(?!\\S)",
            "\\s+"), Pattern.UNICODE_CHARACTER_CLASS);
    /** Longer chunks (identifiers, pasted blobs) rarely repeat and would only crowd the cache. */
    private static final int CACHED_CHUNK_CHARS = 24;
    /**
     * About 3 MB when full; a chat vocabulary in two languages fits. Upkeep runs on the counting
     * thread: it is small, and handing it to the common pool would take the second core away from
     * whoever needs it on a 2-core host.
     */
    private static final Cache<String, Integer> CHUNK_TOKENS = Caffeine.newBuilder().maximumSize(32_768)
            .executor(Runnable::run).build();

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
            return exact(text);
        }
        int cut = Character.isHighSurrogate(text.charAt(EXACT_CHARS - 1)) ? EXACT_CHARS - 1 : EXACT_CHARS;
        return exact(text.substring(0, cut)) + (text.length() - cut + 3L) / 4;
    }

    /**
     * Empties the chunk cache, so that the next counts pay full price: for the routing benchmark's
     * worst case, where no word of a question has been seen before.
     */
    public static void forgetCachedChunks() {
        CHUNK_TOKENS.invalidateAll();
    }

    /**
     * The sum over pre-tokens. Each chunk counted alone splits into just itself again (the pattern's
     * only lookahead, "whitespace not followed by non-space", holds at a chunk's end too), so this is
     * jtokkit's count of the whole text.
     */
    private static long exact(String text) {
        Encoding o200k = Tokenizer.O200K;
        long tokens = 0;
        Matcher chunk = O200K_CHUNKS.matcher(text);
        while (chunk.find()) {
            String piece = chunk.group();
            tokens += piece.length() <= CACHED_CHUNK_CHARS
                    ? CHUNK_TOKENS.get(piece, o200k::countTokensOrdinary)
                    : o200k.countTokensOrdinary(piece);
        }
        return tokens;
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
