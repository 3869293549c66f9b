package dev.chorus.testing;

import dev.chorus.config.ResilienceSettings;
import dev.chorus.orchestration.AskService;
import dev.chorus.orchestration.AskSettings;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.orchestration.analysis.DeterministicAnalyzer;
import dev.chorus.orchestration.delegation.DelegationEngine;
import dev.chorus.orchestration.delegation.QualityModel;
import dev.chorus.provider.resilience.FallbackChain;
import dev.chorus.provider.resilience.ProviderGuard;
import dev.chorus.provider.resilience.ProviderMetrics;
import dev.chorus.provider.resilience.SpendGate;
import dev.chorus.orchestration.CallLog;
import java.time.Clock;
import java.util.List;

/** An {@link AskService} over a scripted client, with the real guard and fallback chain around it. */
public final class TestAsks {
    private TestAsks() {
    }

    public static AskService service(ScriptedChatClient client, CallLog calls, String model, int maxTokens) {
        return service(client, calls, model, maxTokens, asker -> SpendGate.UNLIMITED);
    }

    /** The same, with each asker's spend going through {@code gates}. */
    public static AskService service(ScriptedChatClient client, CallLog calls, String model, int maxTokens,
                                     java.util.function.Function<dev.chorus.orchestration.Asker, SpendGate> gates) {
        ProviderGuard guard = new ProviderGuard("scripted", client, ResilienceSettings.DEFAULTS, Clock.systemUTC(),
                wait -> { }, new ProviderMetrics());
        FallbackChain chain = new FallbackChain(m -> guard, FallbackChain.FailureObserver.LOG_ONLY);
        ModelSpec only = ModelCatalog.builtIn().find(model).orElseThrow();
        return new AskService(asker -> new DeterministicAnalyzer(), new DelegationEngine(QualityModel.PRIOR),
                () -> List.of(only), m -> List.of(), chain, gates, asker -> Long.MAX_VALUE, calls,
                new AskSettings(maxTokens, "Be brief."), Clock.systemUTC());
    }
}
