package dev.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.money.MoneyFormat;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code route} on a two-model catalog: no Telegram token, no API key, no model called. */
class RouteCommandTest {
    static final String EASY = "hi there";
    static final String HARD = "Prove that there are infinitely many primes and derive the asymptotic density "
            + "using the prime number theorem, step by step";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Two models only: a cheap, middling one and a strong, dear one, both defined by keys. */
    static Path twoModelConfig(Path dir) throws IOException {
        return Files.writeString(dir.resolve("route.properties"), String.join("\n",
                "catalog.builtin=false",
                "models.cheap.provider=openai",
                "models.cheap.price.input=0.10",
                "models.cheap.price.output=0.40",
                "models.cheap.capabilities=all:0.6",
                "models.strong.provider=anthropic",
                "models.strong.protocol=anthropic",
                "models.strong.price.input=3",
                "models.strong.price.output=15",
                "models.strong.capabilities=all:0.95",
                "models.strong.context-window=200000"));
    }

    @Test
    void routesPlainAndJsonLinesEchoingIdsWithExactCosts() throws IOException {
        String input = String.join("\n", EASY, "{\"id\": \"q-7\", \"text\": \"" + HARD + "\"}",
                "{\"id\": 42, \"text\": \"" + EASY + "\"}", "");
        Run run = route(input, "route", "--config", twoModelConfig(dir).toString());

        assertThat(run.code()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.lines()).hasSize(3);
        JsonNode easy = run.lines().get(0);
        JsonNode hard = run.lines().get(1);
        assertThat(easy.get("id").isInt()).isTrue();
        assertThat(easy.get("id").asInt()).as("a plain line's id is its line number").isEqualTo(1);
        assertThat(hard.get("id").isTextual()).isTrue();
        assertThat(hard.get("id").asText()).isEqualTo("q-7");
        assertThat(run.lines().get(2).get("id").isNumber()).as("a number stays a number").isTrue();
        assertThat(run.lines().get(2).get("id").asInt()).isEqualTo(42);

        assertThat(easy.get("model").asText()).isEqualTo("cheap");
        assertThat(easy.get("fallbacks")).extracting(JsonNode::asText).containsExactly("strong");
        assertThat(hard.get("model").asText()).isEqualTo("strong");
        assertThat(hard.get("profile").get("domain").asText()).isEqualTo("math");
        assertThat(hard.get("profile").get("needs").get("multiStep").asBoolean()).isTrue();
        for (JsonNode line : run.lines()) {
            assertThat(line.get("score").asDouble()).isEqualTo(line.get("profile").get("complexity").asDouble());
            assertThat(line.get("escalated").asBoolean()).isFalse();
            assertThat(line.get("reason").asText()).isNotBlank();
            assertThat(line.has("needsConsent")).isFalse();
            assertThat(line.get("profile").get("language").asText()).isEqualTo("en");
            assertThat(line.get("profile").get("needs").get("privateData")).isEmpty();
        }
        assertThat(easy.get("estimatedCostMicros").asLong()).isEqualTo(expectedCost(easy, "0.10", "0.40"));
        assertThat(hard.get("estimatedCostMicros").asLong()).isEqualTo(expectedCost(hard, "3", "15"));
        assertThat(hard.get("estimatedCost").asText())
                .isEqualTo(MoneyFormat.dollars(hard.get("estimatedCostMicros").asLong()));
    }

    @Test
    void aCatalogFileWithoutTheBuiltInCatalogIsAllThereIs() throws IOException {
        Path catalog = Files.writeString(dir.resolve("models.json"), """
                {"models": [
                  {"id": "local-small", "provider": "ollama", "protocol": "OPENAI_CHAT", "contextWindow": 32768,
                   "maxOutput": 4096, "price": {"input": 0, "output": 0}, "capabilities": {"chat": 0.6}, "local": true},
                  {"id": "cloud-big", "provider": "openai", "protocol": "OPENAI_CHAT", "contextWindow": 128000,
                   "maxOutput": 16384, "price": {"input": 2.5, "output": 10}, "capabilities": {"math": 0.9}}
                ]}
                """);
        Path config = Files.writeString(dir.resolve("file.properties"),
                "catalog.builtin=false\ncatalog.file=" + catalog.toString().replace("\\", "/") + "\n");
        Run run = route(EASY + "\n" + HARD + "\n", "route", "--config", config.toString());
        assertThat(run.lines()).extracting(l -> l.get("model").asText()).containsExactly("local-small", "cloud-big");
        assertThat(run.lines().get(1).get("fallbacks")).extracting(JsonNode::asText).containsExactly("local-small");
    }

    @Test
    void qualityModeSendsEvenAnEasyQuestionToTheStrongModel() throws IOException {
        Run run = route(EASY + "\n", "route", "--mode", "quality", "--config", twoModelConfig(dir).toString());
        assertThat(run.lines()).singleElement().satisfies(line -> assertThat(line.get("model").asText()).isEqualTo("strong"));
    }

    @Test
    void privateDataWithoutALocalModelShowsTheCloudChoiceAndAsksForConsent() throws IOException {
        Run run = route("my email is bob@example.com, is this address ok?\n", "route", "--config",
                twoModelConfig(dir).toString());
        assertThat(run.lines()).singleElement().satisfies(line -> {
            assertThat(line.get("needsConsent").asBoolean()).isTrue();
            assertThat(line.get("model").asText()).isEqualTo("cheap");
            assertThat(line.get("profile").get("needs").get("privateData")).extracting(JsonNode::asText)
                    .containsExactly("email");
        });
    }

    @Test
    void badLinesGetAnErrorObjectAndLaterLinesStillWork() throws IOException {
        String input = String.join("\n", "{\"id\": 1, \"text\": ", "{\"id\": \"x\"}", "", "{\"id\": [1], \"text\": \"hi\"}",
                "{\"id\": \"after\", \"text\": \"" + HARD + "\"}");
        Run run = route(input, "route", "--config", twoModelConfig(dir).toString());

        assertThat(run.code()).isZero();
        assertThat(run.lines()).hasSize(4);
        assertThat(run.lines().get(0).get("id").asInt()).as("unreadable: the line number").isEqualTo(1);
        assertThat(run.lines().get(0).get("error").asText()).startsWith("invalid JSON");
        assertThat(run.lines().get(1).get("id").asText()).isEqualTo("x");
        assertThat(run.lines().get(1).get("error").asText()).contains("missing \"text\"");
        assertThat(run.lines().get(2).get("id").asInt()).as("blank line 3 skipped, numbering kept").isEqualTo(4);
        assertThat(run.lines().get(2).get("error").asText()).contains("\"id\" must be a string or a number");
        assertThat(run.lines().get(3).get("id").asText()).isEqualTo("after");
        assertThat(run.lines().get(3).get("model").asText()).isEqualTo("strong");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void answersEachLineBeforeTheNextOneIsWritten() throws Exception {
        Path config = twoModelConfig(dir);
        PipedOutputStream toRoute = new PipedOutputStream();
        PipedInputStream routeIn = new PipedInputStream(toRoute, 1 << 16);
        PipedInputStream fromRoute = new PipedInputStream(1 << 16);
        PipedOutputStream routeOut = new PipedOutputStream(fromRoute);
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> {
            try (routeOut) {
                return RouteCommand.run(CommandLineArgs.parse(new String[] {"route", "--config", config.toString()}),
                        Map.of(), routeIn, routeOut, new PrintStream(new ByteArrayOutputStream(), true,
                                StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        BufferedReader output = new BufferedReader(new InputStreamReader(fromRoute, StandardCharsets.UTF_8));

        toRoute.write((EASY + "\n").getBytes(StandardCharsets.UTF_8));
        toRoute.flush();
        JsonNode first = JSON.readTree(output.readLine());
        assertThat(first.get("model").asText()).isEqualTo("cheap");

        toRoute.write(("{\"id\":\"second\",\"text\":\"" + HARD + "\"}\n").getBytes(StandardCharsets.UTF_8));
        toRoute.close();
        JsonNode second = JSON.readTree(output.readLine());
        assertThat(second.get("id").asText()).isEqualTo("second");
        assertThat(output.readLine()).isNull();
        assertThat(code.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void badConfigIsOneLineAndExitCodeTwo() throws IOException {
        Path config = Files.writeString(dir.resolve("empty.properties"), "catalog.builtin=false\n");
        Run run = route("hi\n", "route", "--config", config.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).singleElement().asString().contains("catalog.builtin");

        Path typo = Files.writeString(dir.resolve("typo.properties"), "catalog.builtin=maybe\n");
        Run bad = route("hi\n", "route", "--config", typo.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("Config error: catalog.builtin (env CHORUS_CATALOG_BUILTIN) must be "
                + "true or false");

        Path pasted = Files.writeString(dir.resolve("pasted.properties"), "model.default=123456:AAsecretPasted\n");
        Run unknown = route("hi\n", "route", "--config", pasted.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().strip()).isEqualTo("Config error: model.default (env CHORUS_DEFAULT_MODEL) is "
                + "neither auto nor a model in the catalog");
    }

    /**
     * What the engine estimates: the prompt at the input price plus the expected answer length at the
     * output price, in micro-dollars rounded up; the answer length grows with complexity.
     */
    private static long expectedCost(JsonNode line, String inputPrice, String outputPrice) {
        JsonNode profile = line.get("profile");
        long prompt = profile.get("needs").get("promptTokens").asLong();
        double base = 200 + 1200 * profile.get("complexity").asDouble();
        if (List.of("code", "writing", "creative").contains(profile.get("domain").asText())) {
            base *= 1.5;
        }
        long output = Math.min((long) base, 1024); // answer.max-tokens, by default
        return new BigDecimal(inputPrice).multiply(BigDecimal.valueOf(prompt))
                .add(new BigDecimal(outputPrice).multiply(BigDecimal.valueOf(output)))
                .setScale(0, RoundingMode.CEILING).longValueExact();
    }

    static Run route(String input, String... args) {
        return route(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), args);
    }

    static Run route(InputStream input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RouteCommand.run(CommandLineArgs.parse(args), Map.of(), input, out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Run(int code, String out, String err) {
        List<JsonNode> lines() {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : out.lines().toList()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("not a JSON line: " + line, e);
                }
            }
            return lines;
        }
    }
}
