package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real entry point in a child JVM and checks how a bad start ends: exit code and one line. */
class MainTest {
    private static final String TOKEN = "999999:SecretTokenValueXYZ";

    @TempDir
    Path dir;

    @Test
    void missingTokenExitsWithOneLineNamingTheKey() throws Exception {
        Result result = run(dir.resolve("none.properties"), List.of());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.lines()).hasSize(1);
        assertThat(result.lines().getFirst()).contains("Config error: config file").contains("does not exist");

        Path empty = Files.writeString(dir.resolve("empty.properties"), "");
        Result missing = run(empty, List.of());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.lines()).containsExactly("Config error: telegram.token (env TELEGRAM_BOT_TOKEN) is "
                + "required. Bot token from @BotFather. Required.");
    }

    @Test
    void malformedNumberExitsWithOneLineNamingTheKeyAndNoSecret() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.properties"),
                "telegram.token=" + TOKEN + "\nanswer.max-tokens=12x\n");
        Result result = run(config, List.of());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.lines()).hasSize(1);
        assertThat(result.lines().getFirst()).contains("answer.max-tokens").contains("is not a whole number")
                .doesNotContain("12x");
        assertThat(result.output()).doesNotContain(TOKEN);
    }

    @Test
    void modelWithoutItsProviderKeyExitsNamingTheKey() throws Exception {
        Path config = Files.writeString(dir.resolve("nokey.properties"),
                "telegram.token=" + TOKEN + "\ndb.path=" + dir.resolve("db/chorus.db") + "\n");
        Result result = run(config, List.of());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.lines()).hasSize(1);
        assertThat(result.lines().getFirst()).contains("openai.api-key").contains("OPENAI_API_KEY");
        assertThat(result.output()).doesNotContain(TOKEN);
    }

    @Test
    void unreachableTelegramExitsWithOneLineAndNoToken() throws Exception {
        Path config = Files.writeString(dir.resolve("offline.properties"), String.join("\n",
                "telegram.token=" + TOKEN,
                "telegram.base-url=http://127.0.0.1:9",
                "openai.api-key=sk-unused-key-value",
                "db.path=" + dir.resolve("db/chorus.db")));
        Result result = run(config, List.of());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errorLines()).hasSize(1);
        assertThat(result.errorLines().getFirst()).startsWith("cannot reach Telegram at http://127.0.0.1:9");
        assertThat(result.output()).doesNotContain(TOKEN).doesNotContain("sk-unused-key-value");
    }

    @Test
    void unknownArgumentPrintsUsage() throws Exception {
        Result result = run(null, List.of("--frobnicate"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.lines()).singleElement().asString().startsWith("Usage: java -jar chorus.jar");
    }

    private Result run(Path config, List<String> extra) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.chorus.Main"));
        if (config != null) {
            command.add("--config");
            command.add(config.toString());
        }
        command.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CHORUS_") || k.endsWith("_API_KEY")
                || k.equals("TELEGRAM_BOT_TOKEN") || k.endsWith("_BASE_URL"));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Main did not exit");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String stdout, String stderr) {
        /** Everything printed, when nothing but the error line is expected. */
        List<String> lines() {
            return output().lines().filter(l -> !l.isBlank()).toList();
        }

        List<String> errorLines() {
            return stderr.lines().filter(l -> !l.isBlank()).toList();
        }

        String output() {
            return stdout + stderr;
        }
    }
}
