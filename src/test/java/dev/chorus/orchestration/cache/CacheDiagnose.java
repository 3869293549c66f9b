package dev.chorus.orchestration.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.embedding.LocalMiniLm;

/** For reading only: every pair of the set with its cosine and what the key terms say of it. */
public final class CacheDiagnose {
    public static void main(String[] args) throws Exception {
        LocalMiniLm model = new LocalMiniLm();
        JsonNode groups = new ObjectMapper().readTree(CacheDiagnose.class.getResourceAsStream("/cache/questions.json"))
                .path("groups");
        for (JsonNode g : groups) {
            if (!g.path("lang").asText().equals("en")) {
                continue;
            }
            String cached = g.path("cached").asText();
            float[] c = model.embed(cached);
            for (JsonNode same : g.path("same")) {
                print("SAME", cached, same.path("q").asText(), c, model);
            }
            for (JsonNode d : g.path("different")) {
                print("DIFF", cached, d.asText(), c, model);
            }
        }
    }

    private static void print(String kind, String cached, String q, float[] c, LocalMiniLm model) {
        float[] v = model.embed(q);
        double dot = 0;
        for (int i = 0; i < v.length; i++) {
            dot += v[i] * c[i];
        }
        var verdict = KeyTerms.of(cached).compare(KeyTerms.of(q));
        System.out.printf("%s %.3f %-60s %s  <->  %s%n", kind, dot, verdict, q, cached);
    }
}
