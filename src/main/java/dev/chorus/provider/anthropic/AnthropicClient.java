package dev.chorus.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.CancelSignal;
import dev.chorus.provider.ChatClient;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.IoOutcomes;
import dev.chorus.provider.ChatRequest;
import dev.chorus.provider.ProviderException;
import dev.chorus.provider.StreamListener;
import dev.chorus.provider.sse.ServerSentEventReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A client for Anthropic's Messages API ({@code POST /v1/messages}). Immutable and thread-safe;
 * OkHttp and Jackson are both safe to share.
 */
public final class AnthropicClient implements ChatClient {

    /** The API version the request and response shapes here follow; Anthropic requires the header. */
    static final String API_VERSION = "2023-06-01";

    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient http;
    private final HttpUrl endpoint;
    private final String apiKey;
    private final ObjectMapper json;

    /**
     * @param baseUrl the API root including the version prefix, e.g. {@code https://api.anthropic.com/v1};
     *     {@code messages} is appended to its path
     * @param apiKey null or blank sends no {@code x-api-key}, for a gateway that adds it itself
     */
    public AnthropicClient(OkHttpClient http, HttpUrl baseUrl, String apiKey, ObjectMapper json) {
        this.http = Objects.requireNonNull(http, "http");
        this.endpoint = Objects.requireNonNull(baseUrl, "baseUrl").newBuilder().addPathSegment("messages").build();
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
                return AnthropicErrorMapper.map(response.code(), response.headers(), IoOutcomes.scrub(body, apiKey));
            }
            return MessageParser.toOutcome(MessageParser.parse(json, body), response.code(), request);
        } catch (InterruptedIOException e) {
            return IoOutcomes.timeout();
        } catch (IOException e) {
            return IoOutcomes.network(e);
        }
    }

    @Override
    public ChatOutcome stream(ChatRequest request, StreamListener listener, CancelSignal cancel) {
        Objects.requireNonNull(listener, "listener");
        MessageStream state = null;
        Call call = http.newCall(httpRequest(request, true));
        cancel.onCancel(call::cancel);
        try (Response response = call.execute()) {
            if (!response.isSuccessful()) {
                return AnthropicErrorMapper.map(response.code(), response.headers(), IoOutcomes.scrub(response.body().string(), apiKey));
            }
            state = new MessageStream(json, listener, response.headers(), apiKey);
            ServerSentEventReader reader = new ServerSentEventReader(response.body().source(), state::accept);
            while (!state.over() && reader.processNextEvent()) {
                // the stream state handles each event
            }
            return state.finish(request, null);
        } catch (InterruptedIOException e) {
            return state == null ? IoOutcomes.timeout() : state.finish(request, IoOutcomes.timeout());
        } catch (IOException e) {
            ChatOutcome cause = IoOutcomes.network(e);
            return state == null ? cause : state.finish(request, cause);
        }
    }

    private Request httpRequest(ChatRequest request, boolean stream) {
        String body;
        try {
            body = json.writeValueAsString(RequestShaper.shape(request, stream));
        } catch (JsonProcessingException e) {
            throw new ProviderException("cannot serialise chat request", e);
        }
        Request.Builder builder = new Request.Builder()
                .url(endpoint)
                .header("anthropic-version", API_VERSION)
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .post(RequestBody.create(body, JSON_TYPE));
        if (apiKey != null) {
            builder.header("x-api-key", apiKey);
        }
        return builder.build();
    }




    @Override
    public String toString() {
        // redact() drops user info and query, in case a key was put into the URL.
        return "AnthropicClient[" + endpoint.redact() + "]";
    }
}
