package dev.chorus.provider.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.ProviderException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A provider's {@code POST /embeddings} in the OpenAI wire format (OpenAI, Mistral, Ollama's
 * {@code /v1} and other compatible servers). Such models are trained on many languages. A failed call
 * throws {@link ProviderException}, which the cache treats as a miss. Thread-safe.
 */
public final class OpenAiEmbeddings implements Embedder {
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http;
    private final HttpUrl url;
    private final String apiKey;
    private final String model;
    private final ObjectMapper json;

    /** @param apiKey null or blank for servers without auth */
    public OpenAiEmbeddings(OkHttpClient http, HttpUrl baseUrl, String apiKey, String model, ObjectMapper json) {
        this.http = Objects.requireNonNull(http, "http");
        this.url = baseUrl.newBuilder().addPathSegments("embeddings").build();
        this.apiKey = apiKey;
        this.model = Objects.requireNonNull(model, "model");
        this.json = json;
    }

    @Override
    public float[] embed(String text) {
        Request.Builder request = new Request.Builder().url(url);
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            request.post(RequestBody.create(json.writeValueAsBytes(Map.of("model", model, "input", text)), JSON));
            try (Response response = http.newCall(request.build()).execute()) {
                if (!response.isSuccessful()) {
                    // the body may quote the request; the status is enough to say what went wrong
                    throw new ProviderException("embeddings answered HTTP " + response.code());
                }
                JsonNode vector = json.readTree(response.body().byteStream()).path("data").path(0).path("embedding");
                if (!vector.isArray() || vector.isEmpty()) {
                    throw new ProviderException("embeddings answer has no data[0].embedding");
                }
                float[] v = new float[vector.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) vector.get(i).asDouble();
                }
                return Embedder.normalized(v);
            }
        } catch (IOException e) {
            throw new ProviderException("embeddings call failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public String name() {
        return model + " (" + url.host() + ")";
    }

    @Override
    public boolean understands(String language) {
        return true;
    }
}
