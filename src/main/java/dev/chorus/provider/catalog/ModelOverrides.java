package dev.chorus.provider.catalog;

import dev.chorus.config.ConfigException;
import dev.chorus.config.Ordinals;
import dev.chorus.provider.ModelPrice;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds or changes one catalog entry from {@code models.<id>.<field>} config keys, so a person can
 * add a local vLLM or llama.cpp model, or correct a price, in config alone. A new model needs
 * {@code provider}; everything else has a default (OpenAI protocol, 8k context, free, 0.5 in every
 * domain).
 */
final class ModelOverrides {
    private static final double DEFAULT_SCORE = 0.5;

    private ModelOverrides() {
    }

    static ModelSpec apply(String id, Map<String, String> fields, ModelSpec base) {
        String provider = fields.getOrDefault("provider", base == null ? null : base.provider());
        if (provider == null) {
            throw error(id, "provider", "is required for a model that is not in the catalog");
        }
        WireProtocol protocol = base == null ? WireProtocol.OPENAI_CHAT : base.protocol();
        if (fields.containsKey("protocol")) {
            protocol = switch (fields.get("protocol").toLowerCase(Locale.ROOT)) {
                case "openai", "openai_chat" -> WireProtocol.OPENAI_CHAT;
                case "anthropic", "anthropic_messages" -> WireProtocol.ANTHROPIC_MESSAGES;
                default -> throw error(id, "protocol", "must be openai or anthropic");
            };
        }
        ModelPrice price = base == null ? ModelPrice.FREE : base.price();
        if (fields.containsKey("price.input") || fields.containsKey("price.output")
                || fields.containsKey("price.cached-input")) {
            price = new ModelPrice(
                    money(id, "price.input", fields, price.inputPerMillion()),
                    money(id, "price.cached-input", fields, price.cachedInputPerMillion()),
                    money(id, "price.output", fields, price.outputPerMillion()),
                    price.pricedOn());
        }
        Map<Domain, Double> capabilities = base == null ? everyDomain(DEFAULT_SCORE) : base.capabilities();
        if (fields.containsKey("capabilities")) {
            capabilities = capabilities(id, fields.get("capabilities"), capabilities);
        }
        LatencyClass latency = base == null ? LatencyClass.MEDIUM : base.latency();
        if (fields.containsKey("latency")) {
            try {
                latency = LatencyClass.valueOf(fields.get("latency").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error(id, "latency", "must be fast, medium or slow");
            }
        }
        return new ModelSpec(id, provider, protocol,
                fields.getOrDefault("api-model", base == null ? id : base.apiModel()),
                number(id, "context-window", fields, base == null ? 8192 : base.contextWindow()),
                number(id, "max-output", fields, base == null ? 4096 : base.maxOutput()),
                price, capabilities, latency,
                fields.containsKey("local") ? Boolean.parseBoolean(fields.get("local")) : base != null && base.local());
    }

    private static Map<Domain, Double> capabilities(String id, String text, Map<Domain, Double> base) {
        Map<Domain, Double> scores = new EnumMap<>(Domain.class);
        scores.putAll(base);
        String[] pairs = text.split(",");
        for (int i = 0; i < pairs.length; i++) {
            String[] parts = pairs[i].split(":");
            try {
                double score = Double.parseDouble(parts[1].strip());
                if (parts.length != 2 || !(score >= 0 && score <= 1)) {
                    throw new IllegalArgumentException();
                }
                if (parts[0].strip().equals("all")) {
                    scores.putAll(everyDomain(score));
                } else {
                    scores.put(Domain.fromKey(parts[0]), score);
                }
            } catch (RuntimeException e) {
                throw error(id, "capabilities", "must look like code:0.7,math:0.5 (domains: all, "
                        + String.join(", ", java.util.Arrays.stream(Domain.values()).map(Domain::key).toList())
                        + "; scores 0..1); the " + Ordinals.of(i + 1) + " pair does not");
            }
        }
        return scores;
    }

    private static Map<Domain, Double> everyDomain(double score) {
        Map<Domain, Double> scores = new EnumMap<>(Domain.class);
        for (Domain domain : Domain.values()) {
            scores.put(domain, score);
        }
        return scores;
    }

    private static int number(String id, String field, Map<String, String> fields, int fallback) {
        if (!fields.containsKey(field)) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(fields.get(field));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw error(id, field, "must be a positive whole number");
    }

    private static BigDecimal money(String id, String field, Map<String, String> fields, BigDecimal fallback) {
        if (!fields.containsKey(field)) {
            return fallback;
        }
        try {
            BigDecimal value = new BigDecimal(fields.get(field));
            if (value.signum() >= 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw error(id, field, "must be dollars per million tokens such as 0.15");
    }

    private static ConfigException error(String id, String field, String problem) {
        return new ConfigException("Config error: models." + id + "." + field + " " + problem);
    }
}
