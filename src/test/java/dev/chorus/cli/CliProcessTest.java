package dev.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real entry point in a child JVM, with no token and no key in its environment: standard output
 * holds the results and nothing else (log lines go to standard error), and mistakes end with one line.
 */
class CliProcessTest {
    @TempDir
    Path dir;

    @Test
    void routeWithTheBuiltInCatalogPrintsOnlyJsonLines() throws Exception {
        Path input = Files.writeString(dir.resolve("in.txt"), "hello!\n{\"id\": \"b\", \"text\": \"write a haiku\"}\n");
        Result result = run(input, "route");
        assertThat(result.code()).as(result.stderr()).isZero();
        assertThat(result.stderr()).isBlank();
        List<String> lines = result.stdout().lines().toList();
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(lines.get(0)).get("id").asInt()).isEqualTo(1);
        assertThat(json.readTree(lines.get(1)).get("id").asText()).isEqualTo("b");
        assertThat(json.readTree(lines.get(1)).get("model").isTextual()).isTrue();
    }

    @Test
    void badModeExitsTwoWithOneLine() throws Exception {
        Result result = run(null, "route", "--mode", "turbo");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr().lines().toList()).singleElement().asString()
                .startsWith("Usage: java -jar chorus.jar").contains("turbo");
    }

    @Test
    void helpPrintsUsageAndExitsZero() throws Exception {
        Result result = run(null, "--help");
        assertThat(result.code()).isZero();
        assertThat(result.stdout()).startsWith("Usage: java -jar chorus.jar").contains("route").contains("ask");
    }

    private Result run(Path stdin, String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "dev.chorus.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CHORUS_") || k.endsWith("_API_KEY")
                || k.equals("TELEGRAM_BOT_TOKEN") || k.endsWith("_BASE_URL"));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        Process process = builder.start();
        if (stdin == null) {
            process.getOutputStream().close();
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Main did not exit");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(int code, String stdout, String stderr) {
    }
}
