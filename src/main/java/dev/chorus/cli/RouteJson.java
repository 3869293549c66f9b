package dev.chorus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chorus.money.MoneyFormat;
import dev.chorus.orchestration.AskService;
import dev.chorus.orchestration.analysis.Needs;
import dev.chorus.orchestration.analysis.PrivateData;
import dev.chorus.orchestration.analysis.TaskProfile;
import dev.chorus.orchestration.delegation.Candidate;
import dev.chorus.orchestration.delegation.Decision;
import dev.chorus.orchestration.delegation.Routing;
import dev.chorus.provider.catalog.ModelSpec;
import java.util.List;
import java.util.Locale;

/** The JSON line {@code route} prints for one question, or for a line it could not read. */
final class RouteJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private RouteJson() {
    }

    static ObjectNode routed(JsonNode id, AskService.RoutedQuestion routed) {
        TaskProfile profile = routed.profile();
        ObjectNode line = NODES.objectNode();
        line.set("id", id);
        line.set("profile", profile(profile));
        switch (routed.routing()) {
            case Routing.Routed r -> {
                decision(line, r.decision());
                candidates(line, r.decision().candidates());
            }
            case Routing.NeedsConsent c -> {
                // what the bot would do once the user agrees; until then nothing leaves the machine
                decision(line, c.cloud());
                line.put("needsConsent", true);
                candidates(line, c.cloud().candidates());
            }
            case Routing.NoModel none -> {
                line.putNull("model");
                line.putNull("estimatedCostMicros");
                line.putNull("estimatedCost");
                line.put("reason", none.reason());
                line.putArray("fallbacks");
                line.put("escalated", false);
                candidates(line, none.candidates());
            }
        }
        // the number the engine compares with its thresholds: the analyzer's complexity
        line.put("score", profile.complexity());
        return line;
    }

    static ObjectNode error(JsonNode id, String message) {
        ObjectNode line = NODES.objectNode();
        line.set("id", id);
        line.put("error", message);
        return line;
    }

    private static void decision(ObjectNode line, Decision decision) {
        long cost = decision.candidates().stream().filter(c -> c.model().equals(decision.chosen()))
                .mapToLong(Candidate::estimatedCostMicros).findFirst().orElse(0);
        line.put("model", decision.chosen().id());
        line.put("estimatedCostMicros", cost);
        line.put("estimatedCost", MoneyFormat.dollars(cost));
        line.put("reason", decision.reason());
        ArrayNode fallbacks = line.putArray("fallbacks");
        for (ModelSpec model : decision.fallbacks()) {
            fallbacks.add(model.id());
        }
        line.put("escalated", decision.escalated());
    }

    /** Every model the engine weighed, with the expected quality it decided on (learned from ratings included). */
    private static void candidates(ObjectNode line, List<Candidate> candidates) {
        ArrayNode array = line.putArray("candidates");
        for (Candidate c : candidates) {
            ObjectNode node = array.addObject();
            node.put("model", c.model().id());
            node.put("expectedQuality", c.quality());
            node.put("estimatedCostMicros", c.estimatedCostMicros());
            if (c.rejected() == null) {
                node.putNull("rejected");
            } else {
                node.put("rejected", c.rejected());
            }
        }
    }

    private static ObjectNode profile(TaskProfile profile) {
        ObjectNode node = NODES.objectNode();
        node.put("domain", profile.domain().key());
        node.put("complexity", profile.complexity());
        node.put("language", profile.language());
        node.put("confidence", profile.confidence());
        Needs needs = profile.needs();
        ObjectNode needsNode = node.putObject("needs");
        needsNode.put("promptTokens", needs.promptTokens());
        needsNode.put("longContext", needs.longContext());
        ArrayNode kinds = needsNode.putArray("privateData");
        for (PrivateData kind : needs.privateData()) {
            kinds.add(kind.name().toLowerCase(Locale.ROOT));
        }
        needsNode.put("freshness", needs.freshness());
        needsNode.put("multiStep", needs.multiStep());
        return node;
    }
}
