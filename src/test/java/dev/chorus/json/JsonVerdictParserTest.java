package dev.chorus.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.orchestration.analysis.VerdictParser.Parsed;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The profile contract of the analyzer model's replies, as {@link JsonVerdictParser} checks it. */
class JsonVerdictParserTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"domain\": \"math\", \"complexity\": 0.5, \"language\": \"en\"}",
            "{\"domain\": \"math\", \"complexity\": \"0.5\", \"language\": \"en\", \"confidence\": 0.9}",
            "{\"domain\": \"math\", \"complexity\": -0.1, \"language\": \"en\", \"confidence\": 0.9}",
            "{\"domain\": \"math\", \"complexity\": 1e400, \"language\": \"en\", \"confidence\": 0.9}",
            "{\"domain\": \"math\", \"complexity\": NaN, \"language\": \"en\", \"confidence\": 0.9}",
            "{\"domain\": \"math\", \"complexity\": 0.5, \"language\": \"english\", \"confidence\": 0.9}",
            "{\"domain\": \"math\", \"complexity\": 0.5, \"language\": \"en\", \"confidence\": 2}",
            "{\"domain\": \"math\", \"domain\": \"code\", \"complexity\": 0.5, \"language\": \"en\", \"confidence\": 0.9}",
            "{\"domain\": \"math\", \"complexity\": 0.5, \"language\": \"en\", \"confidence\": 0.9} and more",
            "[{\"domain\": \"math\", \"complexity\": 0.5, \"language\": \"en\", \"confidence\": 0.9}]",
            "Here you go: {\"domain\": \"math\", \"complexity\": 0.5, \"language\": \"en\", \"confidence\": 0.9}",
            "",
    })
    void rejectsAnswersThatBreakTheContract(String reply) {
        assertThat(new JsonVerdictParser().parse(reply)).isInstanceOf(Parsed.Invalid.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"domain\": \"Math\", \"complexity\": 0, \"language\": \"EN\", \"confidence\": 1, \"reason\": \"a proof\"}",
            "  ```\n{\"domain\": \"math\", \"complexity\": 1.0, \"language\": \"und\", \"confidence\": 0.0}\n```  ",
    })
    void toleratesHarmlessDeviations(String reply) {
        assertThat(new JsonVerdictParser().parse(reply)).isInstanceOf(Parsed.Valid.class);
    }
}
