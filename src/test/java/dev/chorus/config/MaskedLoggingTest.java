package dev.chorus.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.testing.LogCapture;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class MaskedLoggingTest {
    private static final Logger log = LoggerFactory.getLogger(MaskedLoggingTest.class);

    @Test
    void loadedSecretsAreMaskedInMessagesAndStackTraces() {
        String token = "5550001:MaskMeInLogsPlease";
        Secret.of(token);
        LogCapture capture = new LogCapture();
        capture.start();
        log.warn("GET https://api.telegram.org/bot{}/getMe failed", token);
        log.error("call failed", new IOException("unexpected end of stream on https://x/bot" + token + "/sendMessage",
                new IllegalStateException("cause with " + token)));
        String text = capture.stop();
        assertThat(text).doesNotContain(token).doesNotContain("MaskMeInLogsPlease");
        assertThat(text).contains("bot[secret]/getMe failed", "x/bot[secret]/sendMessage", "cause with [secret]");
    }
}
