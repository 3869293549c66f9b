package dev.chorus.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.CancelSignal;
import dev.chorus.provider.ChatClient;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.IoOutcomes;
import dev.chorus.provider.ChatRequest;
import dev.chorus.provider.ProviderException;
import dev.chorus.provider.StreamListener;
import dev.chorus.provider.openai.wire.StreamOptions;
import dev.chorus.provider.openai.wire.WireCompletion;
import dev.chorus.provider.openai.wire.WireMessage;
import dev.chorus.provider.openai.wire.WireRequest;
import dev.chorus.provider.sse.ServerSentEventReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Objects;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A client for any server speaking OpenAI's Chat Completions API: OpenAI, OpenRouter, Mistral,
 * xAI, and Ollama's {@code /v1}. Immutable and thread-safe; OkHttp and Jackson are both safe to share.
 */
public final class OpenAiCompatibleClient implements ChatClient {

    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient http;
    private final HttpUrl endpoint;
    private final String apiKey;
    private final ObjectMapper json;

    /**
     * @param baseUrl the API root including any version prefix, e.g. {@code https://api.openai.com/v1};
     *     {@code chat/completions} is appended to its path
     * @param apiKey null or blank for servers without auth (Ollama): no Authorization header is sent
     */
    public OpenAiCompatibleClient(OkHttpClient http, HttpUrl baseUrl, String apiKey, ObjectMapper json) {
        this.http = Objects.requireNonNull(http, "http");
        this.endpoint = Objects.requireNonNull(baseUrl, "baseUrl").newBuilder()
                .addPathSegments("chat/completions")
                .build();
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        this.json = Objects.requireNonNull(json, "json");
        // Checked here so a bad key fails at startup; the message must not contain the key.
        if (this.apiKey != null && !this.apiKey.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ProviderException("API key contains characters not allowed in an HTTP header");
        }
    }

    @Override
    public ChatOutcome complete(ChatRequest request) {
        try (Response response = http.newCall(httpRequest(request, false)).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                return OpenAiErrorMapper.map(response.code(), response.headers(), IoOutcomes.scrub(body, apiKey));
            }
            return CompletionParser.toOutcome(CompletionParser.parse(json, body), response.code(), request);
        } catch (InterruptedIOException e) {
            return IoOutcomes.timeout();
        } catch (IOException e) {
            return IoOutcomes.network(e);
        }
    }

    @Override
    public ChatOutcome stream(ChatRequest request, StreamListener listener, CancelSignal cancel) {
        Objects.requireNonNull(listener, "listener");
        StreamAccumulator state = null;
        Call call = http.newCall(httpRequest(request, true));
        cancel.onCancel(call::cancel);
        try (Response response = call.execute()) {
            if (!response.isSuccessful()) {
                return OpenAiErrorMapper.map(response.code(), response.headers(), IoOutcomes.scrub(response.body().string(), apiKey));
            }
            MediaType type = response.body().contentType();
            if (type != null && "json".equals(type.subtype())) {
                // Some compatible servers ignore stream:true, or report an error as a 200 JSON body.
                return wholeBodyAsStream(response, request, listener);
            }
            state = new StreamAccumulator(json, listener, response.headers(), apiKey);
            ServerSentEventReader reader = new ServerSentEventReader(response.body().source(), state::accept);
            while (!state.over() && reader.processNextEvent()) {
                // the accumulator handles each event
            }
            return state.finish(request, null);
        } catch (InterruptedIOException e) {
            return state == null ? IoOutcomes.timeout() : state.finish(request, IoOutcomes.timeout());
        } catch (IOException e) {
            ChatOutcome cause = IoOutcomes.network(e);
            return state == null ? cause : state.finish(request, cause);
        }
    }

    private ChatOutcome wholeBodyAsStream(Response response, ChatRequest request, StreamListener listener)
            throws IOException {
        String body = response.body().string();
        WireCompletion completion = CompletionParser.parse(json, body);
        if (completion != null && completion.error() != null && !completion.error().isNull()) {
            String safe = IoOutcomes.scrub(body, apiKey);
            return OpenAiErrorMapper.map(OpenAiErrorMapper.statusOfStreamError(safe), response.headers(), safe);
        }
        ChatOutcome outcome = CompletionParser.toOutcome(completion, response.code(), request);
        if (outcome instanceof ChatOutcome.Completed completed && !completed.text().isEmpty()) {
            listener.onText(completed.text());
        }
        return outcome;
    }

    private Request httpRequest(ChatRequest request, boolean stream) {
        List<WireMessage> messages = request.messages().stream()
                .map(m -> WireMessage.of(m.role().wireName(), m.content()))
                .toList();
        WireRequest wire = new WireRequest(request.model(), messages, request.maxTokens(), request.temperature(),
                stream, stream ? new StreamOptions(true) : null);
        String body;
        try {
            body = json.writeValueAsString(wire);
        } catch (JsonProcessingException e) {
            throw new ProviderException("cannot serialise chat request", e);
        }
        Request.Builder builder = new Request.Builder()
                .url(endpoint)
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .post(RequestBody.create(body, JSON_TYPE));
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder.build();
    }




    @Override
    public String toString() {
        // redact() drops user info and query, in case a key was put into the URL.
        return "OpenAiCompatibleClient[" + endpoint.redact() + "]";
    }
}
