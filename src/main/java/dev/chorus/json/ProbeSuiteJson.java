package dev.chorus.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.orchestration.probe.ProbeSuite;
import dev.chorus.orchestration.probe.ProbeTask;
import dev.chorus.provider.catalog.Domain;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The probe suite shipped in the jar ({@code probe/tasks.json}). */
public final class ProbeSuiteJson {
    static final String RESOURCE = "/probe/tasks.json";

    private ProbeSuiteJson() {
    }

    public static ProbeSuite shipped() {
        try (InputStream in = ProbeSuiteJson.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + RESOURCE);
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static ProbeSuite parse(JsonNode root) {
        List<ProbeTask> tasks = new ArrayList<>();
        for (JsonNode t : root.path("tasks")) {
            tasks.add(new ProbeTask(t.path("id").asText(), Domain.fromKey(t.path("domain").asText()),
                    t.path("prompt").asText(), check(t)));
        }
        return new ProbeSuite(root.path("system").asText(), tasks);
    }

    private static ProbeTask.Check check(JsonNode t) {
        if (t.has("number")) {
            return new ProbeTask.Number(new BigDecimal(t.get("number").asText()));
        }
        if (t.has("exact")) {
            List<String> any = new ArrayList<>();
            t.get("exact").forEach(e -> any.add(e.asText()));
            return new ProbeTask.Exact(any);
        }
        if (t.has("terms")) {
            List<List<String>> all = new ArrayList<>();
            for (JsonNode group : t.get("terms")) {
                List<String> alternatives = new ArrayList<>();
                group.forEach(a -> alternatives.add(a.asText()));
                all.add(alternatives);
            }
            return new ProbeTask.Terms(all);
        }
        throw new IllegalArgumentException("probe task " + t.path("id").asText() + " has no check");
    }
}
