package dev.chorus.provider.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.config.ChorusConfig;
import dev.chorus.config.ConfigLoader;
import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.resilience.ChainResult;
import dev.chorus.provider.resilience.FallbackChain;
import dev.chorus.provider.resilience.SpendGate;
import dev.chorus.testing.FakeOpenAi;
import dev.chorus.testing.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One custom provider serving a model of each wire protocol, on MockWebServer. */
class ProviderFleetTest {
    @StartStop
    final MockWebServer lab = new MockWebServer();

    @TempDir
    Path dir;

    ProviderFleet fleet;
    FallbackChain chain;
    ModelSpec chat;
    ModelSpec claude;

    @BeforeEach
    void start() throws IOException {
        Path file = Files.writeString(dir.resolve("bot-config.properties"), String.join("\n",
                "telegram.token=1:unused-token-value",
                "providers.lab.base-url=" + lab.url("/v1"),
                "providers.lab.api-key=lab-key-value",
                "models.lab-chat.provider=lab",
                "models.lab-chat.protocol=openai",
                "models.lab-claude.provider=lab",
                "models.lab-claude.protocol=anthropic",
                "provider.max-retries=0"));
        ChorusConfig config = ConfigLoader.load(file, Map.of());
        fleet = new ProviderFleet(config, ModelCatalog.load(config.catalog()), new ObjectMapper(),
                new TestClock(Instant.parse("2026-11-22T12:00:00Z")), wait -> { });
        chain = fleet.chain((provider, message) -> { });
        chat = fleet.catalog().find("lab-chat").orElseThrow();
        claude = fleet.catalog().find("lab-claude").orElseThrow();
    }

    @Test
    void eachModelTalksItsOwnProtocolToTheSameProvider() throws Exception {
        lab.enqueue(stream("/fixtures/openai/chat_completion_stream_include_usage.sse"));
        lab.enqueue(stream("/fixtures/anthropic/messages_stream.sse"));
        lab.enqueue(stream("/fixtures/openai/chat_completion_stream_include_usage.sse"));

        assertThat(run(chat).text()).isEqualTo("Rust is a memory-safe systems language.");
        assertThat(run(claude).text()).isEqualTo("Rust is a memory-safe systems programming language.");
        assertThat(run(chat).answeredBy()).contains(chat);

        assertThat(lab.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(lab.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/v1/messages");
        assertThat(lab.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void theBreakerCountsTheProviderAcrossProtocols() {
        // two failures through each protocol: four calls to one provider, half failed or worse
        for (int i = 0; i < 4; i++) {
            lab.enqueue(new MockResponse.Builder().code(500).addHeader("content-type", "application/json")
                    .body(FakeOpenAi.fixture("/fixtures/openai/error_500_server_error.json")).build());
        }
        for (int i = 0; i < 2; i++) {
            run(chat);
            run(claude);
        }
        assertThat(fleet.guard(chat).state().name()).isEqualTo("OPEN");
        assertThat(fleet.guard(claude).state().name()).isEqualTo("OPEN");
        assertThat(fleet.guards()).singleElement().satisfies(g -> assertThat(g.provider()).isEqualTo("lab"));
    }

    private ChainResult run(ModelSpec model) {
        return chain.run(List.of(model), List.of(ChatMessage.system("Be brief."), ChatMessage.user("What is Rust?")),
                100, null, SpendGate.UNLIMITED, delta -> { });
    }

    private static MockResponse stream(String fixture) {
        return new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream")
                .body(FakeOpenAi.fixture(fixture)).build();
    }
}
