package dev.chorus.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.HttpChatClient;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.ChatRequest;
import dev.chorus.provider.ProviderException;
import dev.chorus.provider.StreamListener;
import java.util.Objects;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * A client for Anthropic's Messages API ({@code POST /v1/messages}). Immutable and thread-safe;
 * OkHttp and Jackson are both safe to share.
 */
public final class AnthropicClient extends HttpChatClient {

    /** The API version the request and response shapes here follow; Anthropic requires the header. */
    static final String API_VERSION = "2023-06-01";

    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

    /**
     * @param baseUrl the API root including the version prefix, e.g. {@code https://api.anthropic.com/v1};
     *     {@code messages} is appended to its path
     * @param apiKey null or blank sends no {@code x-api-key}, for a gateway that adds it itself
     */
    public AnthropicClient(OkHttpClient http, HttpUrl baseUrl, String apiKey, ObjectMapper json) {
        super(http, Objects.requireNonNull(baseUrl, "baseUrl").newBuilder().addPathSegment("messages").build(),
                apiKey, json);
    }

    @Override
    protected ChatOutcome error(int status, Headers headers, String body) {
        return AnthropicErrorMapper.map(status, headers, body);
    }

    @Override
    protected ChatOutcome answer(String body, int status, ChatRequest request) {
        return MessageParser.toOutcome(MessageParser.parse(json, body), status, request);
    }

    @Override
    protected StreamState newStream(StreamListener listener, Headers headers) {
        return new MessageStream(json, listener, headers, apiKey);
    }

    @Override
    protected Request httpRequest(ChatRequest request, boolean stream) {
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
}
