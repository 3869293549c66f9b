package dev.chorus.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.config.ResilienceSettings;
import dev.chorus.json.JsonVerdictParser;
import dev.chorus.orchestration.analysis.DeterministicAnalyzer;
import dev.chorus.orchestration.analysis.ModelAnalyzer;
import dev.chorus.orchestration.analysis.ProfileModel;
import dev.chorus.orchestration.analysis.TaskAnalyzer;
import dev.chorus.orchestration.delegation.DelegationEngine;
import dev.chorus.orchestration.delegation.Mode;
import dev.chorus.orchestration.delegation.Preferences;
import dev.chorus.orchestration.delegation.QualityModel;
import dev.chorus.orchestration.delegation.Routing;
import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.ChatRequest;
import dev.chorus.provider.FinishReason;
import dev.chorus.provider.ModelPrice;
import dev.chorus.provider.Usage;
import dev.chorus.provider.catalog.Domain;
import dev.chorus.provider.catalog.LatencyClass;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.catalog.WireProtocol;
import dev.chorus.provider.resilience.FallbackChain;
import dev.chorus.provider.resilience.ProviderGuard;
import dev.chorus.provider.resilience.ProviderMetrics;
import dev.chorus.provider.resilience.SpendGate;
import dev.chorus.store.Database;
import dev.chorus.store.JdbiCallLog;
import dev.chorus.testing.ScriptedChatClient;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the asker's settings promise must hold past the engine: in the fallback order, the analysis, long chats. */
class AskServiceRoutingTest {
    static final ModelSpec LOCAL = model("local-qwen", 8_192, true, 0.6);
    static final ModelSpec CLOUD = model("cloud-mini", 128_000, false, 0.8);
    static final ModelSpec CLOUD_SMALL = model("cloud-small", 32_000, false, 0.7);

    @TempDir
    Path dir;
    JdbiCallLog calls;

    @BeforeEach
    void openStore() {
        calls = new JdbiCallLog(Database.open(dir.resolve("chorus.db")));
    }

    @Test
    void theAdminsFallbackListNeverSendsPrivateDataToACloudModel() {
        // the local model fails; the admin's model.fallbacks names the cloud model next
        ScriptedChatClient client = new ScriptedChatClient(r -> r.model().equals(LOCAL.apiModel())
                ? new ChatOutcome.ServerError(500, "down") : answer());
        AskService asks = service(client, asker -> new DeterministicAnalyzer(), m -> List.of(m, CLOUD, LOCAL));

        AskOutcome outcome = asks.ask(AskRequest.simple(new Asker(1, 1), "Reply politely to jane.doe@example.com"),
                AnswerProgress.IGNORE);

        assertThat(client.requests()).extracting(ChatRequest::model).containsOnly(LOCAL.apiModel());
        assertThat(outcome).isInstanceOf(AskOutcome.Failed.class);
    }

    @Test
    void theAdminsFallbackListStillOrdersTheModelsTheEngineAllows() {
        // the engine would try the free local model right after the failed cloud one; the admin said cloud-small
        ScriptedChatClient client = new ScriptedChatClient(r -> r.model().equals(CLOUD.apiModel())
                ? new ChatOutcome.ServerError(500, "down") : answer());
        AskService asks = service(client, asker -> new DeterministicAnalyzer(), m -> List.of(m, CLOUD_SMALL, LOCAL),
                List.of(CLOUD, CLOUD_SMALL, LOCAL));
        Preferences quality = new Preferences(Mode.QUALITY, Optional.empty(), true);

        AskOutcome outcome = asks.ask(new AskRequest(new Asker(1, 1), "What is a monad?", List.of(), quality, false),
                AnswerProgress.IGNORE);

        // the cloud model is retried before its stand-in answers
        assertThat(client.requests()).extracting(ChatRequest::model).startsWith(CLOUD.apiModel())
                .endsWith(CLOUD_SMALL.apiModel()).doesNotContain(LOCAL.apiModel());
        assertThat(outcome).isInstanceOfSatisfying(AskOutcome.Answered.class,
                a -> assertThat(a.modelId()).isEqualTo(CLOUD_SMALL.id()));
    }

    @Test
    void localModeKeepsTheQuestionAwayFromARemoteAnalyzer() {
        List<String> analysed = new CopyOnWriteArrayList<>();
        ProfileModel remote = (system, user) -> {
            analysed.add(user);
            return Optional.of("{\"domain\":\"chat\",\"complexity\":0.1,\"language\":\"en\",\"confidence\":0.9}");
        };
        ScriptedChatClient client = new ScriptedChatClient(r -> answer());
        AskService asks = service(client,
                asker -> new ModelAnalyzer(remote, new JsonVerdictParser(), new DeterministicAnalyzer()), m -> List.of());
        Preferences local = new Preferences(Mode.LOCAL, Optional.empty(), true);

        asks.ask(new AskRequest(new Asker(1, 1), "What should I cook tonight?", List.of(), local, false),
                AnswerProgress.IGNORE);
        assertThat(analysed).isEmpty();
        assertThat(client.requests()).extracting(ChatRequest::model).containsOnly(LOCAL.apiModel());

        asks.ask(new AskRequest(new Asker(1, 1), "What should I cook tomorrow?", List.of(), Preferences.DEFAULT,
                false), AnswerProgress.IGNORE);
        assertThat(analysed).as("other modes may use the analyzer model").hasSize(1);
    }

    @Test
    void aLocalAnalyzerModelIsStillAskedInLocalMode() {
        List<String> analysed = new CopyOnWriteArrayList<>();
        ProfileModel onThisMachine = new ProfileModel() {
            @Override
            public Optional<String> complete(String system, String user) {
                analysed.add(user);
                return Optional.empty();
            }

            @Override
            public boolean local() {
                return true;
            }
        };
        AskService asks = service(new ScriptedChatClient(r -> answer()),
                asker -> new ModelAnalyzer(onThisMachine, new JsonVerdictParser(),
                        new DeterministicAnalyzer()), m -> List.of());
        asks.ask(new AskRequest(new Asker(1, 1), "Name a river", List.of(), new Preferences(Mode.LOCAL,
                Optional.empty(), true), false), AnswerProgress.IGNORE);
        assertThat(analysed).isNotEmpty();
    }

    @Test
    void aConversationLongerThanEveryLocalWindowIsTrimmedNotRefused() {
        List<ChatMessage> history = new ArrayList<>();
        for (int turn = 0; turn < 40; turn++) {
            history.add(ChatMessage.user("Tell me more about the history of the city, part " + turn + ". "
                    + "word ".repeat(300)));
            history.add(ChatMessage.assistant("Here is part " + turn + ". " + "story ".repeat(300)));
        }
        ScriptedChatClient client = new ScriptedChatClient(r -> answer());
        AskService asks = service(client, asker -> new DeterministicAnalyzer(), m -> List.of());
        Preferences local = new Preferences(Mode.LOCAL, Optional.empty(), true);

        AskOutcome outcome = asks.ask(new AskRequest(new Asker(1, 1), "And what happened next?", history, local,
                false), AnswerProgress.IGNORE);

        assertThat(outcome).isInstanceOfSatisfying(AskOutcome.Answered.class,
                a -> assertThat(a.modelId()).isEqualTo(LOCAL.id()));
        ChatRequest sent = client.requests().getFirst();
        assertThat(sent.messages().size()).as("older turns dropped").isLessThan(history.size() + 2);
        assertThat(sent.messages().getLast().content()).isEqualTo("And what happened next?");
        assertThat(sent.messages().get(sent.messages().size() - 2).content()).startsWith("Here is part 39.");
    }

    @Test
    void aTrimmedConversationIsPricedAtTheTurnsItReallyCarries() {
        List<ChatMessage> history = longHistory(40, "");
        AskService asks = service(new ScriptedChatClient(r -> answer()), asker -> new DeterministicAnalyzer(),
                m -> List.of());
        Preferences local = new Preferences(Mode.LOCAL, Optional.empty(), true);

        AskService.RoutedQuestion routed = asks.route(new AskRequest(new Asker(1, 1), "And then?", history, local,
                false));

        assertThat(routed.routing()).isInstanceOf(Routing.Routed.class);
        // as much of the conversation as the 8k local window holds, not just the last line
        assertThat(routed.profile().needs().promptTokens()).isBetween(4_000L, (long) LOCAL.contextWindow());
    }

    @Test
    void privateDataInALongConversationStaysOnTheLocalModelWhenItsRecentTurnsFit() {
        List<ChatMessage> history = longHistory(40, " My e-mail is jane.doe@example.com.");
        ScriptedChatClient client = new ScriptedChatClient(r -> answer());
        AskService asks = service(client, asker -> new DeterministicAnalyzer(), m -> List.of());

        AskOutcome outcome = asks.ask(new AskRequest(new Asker(1, 1), "Summarise what we said", history,
                Preferences.DEFAULT, false), AnswerProgress.IGNORE);

        // whole, only the cloud model could take it (which would need consent); trimmed, the local one can
        assertThat(outcome).isInstanceOfSatisfying(AskOutcome.Answered.class,
                a -> assertThat(a.modelId()).isEqualTo(LOCAL.id()));
        assertThat(client.requests()).extracting(ChatRequest::model).containsOnly(LOCAL.apiModel());
    }

    private static List<ChatMessage> longHistory(int turns, String extra) {
        List<ChatMessage> history = new ArrayList<>();
        for (int turn = 0; turn < turns; turn++) {
            history.add(ChatMessage.user("Tell me more about the history of the city, part " + turn + "." + extra + " "
                    + "word ".repeat(300)));
            history.add(ChatMessage.assistant("Here is part " + turn + ". " + "story ".repeat(300)));
        }
        return history;
    }

    private AskService service(ScriptedChatClient client, Function<Asker, TaskAnalyzer> analyzers,
                               Function<ModelSpec, List<ModelSpec>> fallbacks) {
        return service(client, analyzers, fallbacks, List.of(CLOUD, LOCAL));
    }

    private AskService service(ScriptedChatClient client, Function<Asker, TaskAnalyzer> analyzers,
                               Function<ModelSpec, List<ModelSpec>> fallbacks, List<ModelSpec> models) {
        ProviderGuard guard = new ProviderGuard("scripted", client, ResilienceSettings.DEFAULTS, Clock.systemUTC(),
                wait -> { }, new ProviderMetrics());
        FallbackChain chain = new FallbackChain(m -> guard, FallbackChain.FailureObserver.LOG_ONLY);
        return new AskService(analyzers, new DelegationEngine(QualityModel.PRIOR), () -> models,
                fallbacks, chain, asker -> SpendGate.UNLIMITED, asker -> Long.MAX_VALUE, calls,
                new AskSettings(512, "Be brief."), Clock.systemUTC());
    }

    private static ChatOutcome answer() {
        return new ChatOutcome.Completed("Done.", new Usage(100, 0, 5, 0, false), "m", FinishReason.STOP);
    }

    private static ModelSpec model(String id, int context, boolean local, double score) {
        Map<Domain, Double> scores = new EnumMap<>(Domain.class);
        for (Domain d : Domain.values()) {
            scores.put(d, score);
        }
        ModelPrice price = local ? new ModelPrice(BigDecimal.ZERO, null, BigDecimal.ZERO, null)
                : new ModelPrice(new BigDecimal("0.15"), null, new BigDecimal("0.60"), null);
        return new ModelSpec(id, local ? "ollama" : "cloud", WireProtocol.OPENAI_CHAT, id + "-api", context, 2048,
                price, scores, LatencyClass.FAST, local);
    }
}
