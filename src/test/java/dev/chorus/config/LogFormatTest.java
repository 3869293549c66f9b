package dev.chorus.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The shipped logback.xml: {@code CHORUS_LOG_FORMAT=json} gives one JSON object per line with the
 * request id from the MDC, and the same masking of credentials as the text format.
 */
class LogFormatTest {
    private final PrintStream original = System.out;

    @AfterEach
    void restore() throws Exception {
        System.setOut(original);
        System.clearProperty("CHORUS_LOG_FORMAT");
        configure();
    }

    @Test
    void jsonLinesCarryLevelLoggerRequestAndAMaskedMessage() throws Exception {
        String key = "sk-json-format-test-key-0123456789";
        Secret.of(key);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setProperty("CHORUS_LOG_FORMAT", "json");
        configure();

        MDC.put("request", "3fa1c2e0");
        try {
            LoggerFactory.getLogger("dev.chorus.Test").info("calling with {} done", key);
            LoggerFactory.getLogger("dev.chorus.Test").warn("it broke", new IllegalStateException("key " + key));
        } finally {
            MDC.clear();
        }

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.path("level").asText()).isEqualTo("INFO");
        assertThat(first.path("logger").asText()).isEqualTo("dev.chorus.Test");
        assertThat(first.path("request").asText()).isEqualTo("3fa1c2e0");
        assertThat(first.path("message").asText()).isEqualTo("calling with [secret] done");
        JsonNode second = json.readTree(lines.get(1));
        assertThat(second.path("stack_trace").asText()).contains("IllegalStateException: key [secret]");
        assertThat(String.join("\n", lines)).doesNotContain(key);
    }

    private static void configure() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
    }
}
