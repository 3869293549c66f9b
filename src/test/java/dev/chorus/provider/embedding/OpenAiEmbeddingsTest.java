package dev.chorus.provider.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.ProviderException;
import dev.chorus.provider.Fixtures;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class OpenAiEmbeddingsTest {
    private static final String KEY = "sk-test-embeddings-SECRET";

    @StartStop
    public final MockWebServer server = new MockWebServer();

    private OpenAiEmbeddings embeddings() {
        return new OpenAiEmbeddings(new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build(),
                server.url("/v1"), KEY, "text-embedding-3-small", new ObjectMapper());
    }

    @Test
    void postsTheQuestionAndReadsAUnitVector() throws Exception {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
                .body(Fixtures.read("openai/embeddings.json")).build());
        float[] v = embeddings().embed("What is Rust?");
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/embeddings");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        var body = new ObjectMapper().readTree(request.getBody().utf8());
        assertThat(body.path("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(body.path("input").asText()).isEqualTo("What is Rust?");
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        assertThat(v).hasSize(8);
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(embeddings().understands("ru")).isTrue();
    }

    @Test
    void anErrorSaysTheStatusButNotTheBody() {
        server.enqueue(new MockResponse.Builder().code(500).body(Fixtures.read("openai/error_500_server_error.json"))
                .build());
        assertThatThrownBy(() -> embeddings().embed("What is Rust?")).isInstanceOf(ProviderException.class)
                .hasMessage("embeddings answered HTTP 500");
    }
}
