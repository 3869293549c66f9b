package dev.chorus.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The validated configuration of one bot. Built only by {@link ConfigLoader}, so every value in it
 * has been checked; immutable and safe to share. Its {@code toString()} hides the secrets.
 */
public record ChorusConfig(
        TelegramSettings telegram,
        Set<Long> admins,
        Path dbPath,
        int healthPort,
        String defaultModel,
        String analyzerModel,
        int answerMaxTokens,
        ResilienceSettings resilience,
        String systemPrompt,
        Map<String, ProviderEndpoint> providers,
        CatalogSettings catalog,
        BudgetSettings budget,
        ChatLimits limits,
        CacheSettings cache,
        Optional<Secret> redisUrl,
        Optional<DatabaseServer> dbServer) {

    public ChorusConfig {
        admins = Set.copyOf(admins);
        providers = Map.copyOf(providers);
    }

    public Optional<ProviderEndpoint> provider(String name) {
        return Optional.ofNullable(providers.get(name));
    }
}
