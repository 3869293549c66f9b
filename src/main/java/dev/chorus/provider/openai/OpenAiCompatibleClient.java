package dev.chorus.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.HttpChatClient;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.IoOutcomes;
import dev.chorus.provider.ChatRequest;
import dev.chorus.provider.ProviderException;
import dev.chorus.provider.StreamListener;
import dev.chorus.provider.openai.wire.StreamOptions;
import dev.chorus.provider.openai.wire.WireCompletion;
import dev.chorus.provider.openai.wire.WireMessage;
import dev.chorus.provider.openai.wire.WireRequest;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import okhttp3.Headers;
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
public final class OpenAiCompatibleClient extends HttpChatClient {

    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

    /**
     * @param baseUrl the API root including any version prefix, e.g. {@code https://api.openai.com/v1};
     *     {@code chat/completions} is appended to its path
     * @param apiKey null or blank for servers without auth (Ollama): no Authorization header is sent
     */
    public OpenAiCompatibleClient(OkHttpClient http, HttpUrl baseUrl, String apiKey, ObjectMapper json) {
        super(http, Objects.requireNonNull(baseUrl, "baseUrl").newBuilder().addPathSegments("chat/completions").build(),
                apiKey, json);
    }

    @Override
    protected ChatOutcome nonStreamAnswer(Response response, ChatRequest request, StreamListener listener)
            throws IOException {
        MediaType type = response.body().contentType();
        if (type == null || !"json".equals(type.subtype())) {
            return null;
        }
        // Some compatible servers ignore stream:true, or report an error as a 200 JSON body.
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

    @Override
    protected ChatOutcome error(int status, Headers headers, String body) {
        return OpenAiErrorMapper.map(status, headers, body);
    }

    @Override
    protected ChatOutcome answer(String body, int status, ChatRequest request) {
        return CompletionParser.toOutcome(CompletionParser.parse(json, body), status, request);
    }

    @Override
    protected StreamState newStream(StreamListener listener, Headers headers) {
        return new StreamAccumulator(json, listener, headers, apiKey);
    }

    @Override
    protected Request httpRequest(ChatRequest request, boolean stream) {
        List<WireMessage> messages = request.messages().stream()
                .map(m -> WireMessage.of(m.role().wireName(), m.content()))
                .toList();
        WireRequest wire = WireRequest.of(request, messages, stream);
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
}
