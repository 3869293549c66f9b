package dev.chorus.orchestration.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The cheap pre-check in front of the token patterns must let every known token shape through. */
class KnownTokenGuardTest {
    private final PrivateDataDetector detector = new PrivateDataDetector();

    @Test
    void everyKnownTokenShapeIsStillFound() {
        List<String> samples = List.of(
                "my key sk-proj-abcdefghijklmnopqrstuvwx1234",
                "xai-abcdefghijklmnopqrstuvwxyz123456",
                "token ghp_abcdefghijklmnopqrstuvwxyz0123456789",
                "use github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
                "AKIAABCDEFGHIJKLMNOP in the config",
                "AIzaSyA1234567890abcdefghijklmnopqrstuv",
                "xoxb-1234567890-abcdefghij",
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
                "bot 1234567890:AAE2e-TestTokenThatMustNeverBeLogge",
                "Authorization: Bearer abcdefghijklmnopqrstuvwxyz",
                "password: hunter2hunter2",
                "мой пароль: секрет12345");
        for (String sample : samples) {
            assertThat(PrivateDataDetector.mayHoldKnownToken(sample)).as(sample).isTrue();
            assertThat(detector.detect(sample)).as(sample).contains(PrivateData.API_KEY_OR_TOKEN);
        }
    }

    @Test
    void ordinaryQuestionsSkipTheTokenScan() {
        assertThat(PrivateDataDetector.mayHoldKnownToken("Note: how do I sort a list in Python?")).isFalse();
        assertThat(PrivateDataDetector.mayHoldKnownToken("Переведи на английский: доброе утро")).isFalse();
    }
}
