package dev.chorus.orchestration.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.json.ProbeSuiteJson;
import dev.chorus.provider.catalog.Domain;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How probe answers are checked, and that the shipped suite is what the probe promises. */
class ProbeTaskTest {
    @Test
    void aNumberIsTheLastOneInTheAnswerWithItsSeparatorsRead() {
        ProbeTask.Number check = new ProbeTask.Number(new BigDecimal("1250"));
        assertThat(check.passes("1250")).isTrue();
        assertThat(check.passes("The total is $1,250.00.")).isTrue();
        assertThat(check.passes("12 items at $100 make 1200, plus 50 is 1250")).isTrue();
        assertThat(check.passes("1250 minus 50 is 1200")).isFalse();
        assertThat(check.passes("no idea")).isFalse();
    }

    @Test
    void anExactAnswerMayComeQuotedFencedOrAfterALeadIn() {
        ProbeTask.Exact check = new ProbeTask.Exact(List.of("a-b-c"));
        assertThat(check.passes("a-b-c")).isTrue();
        assertThat(check.passes("`a-b-c`")).isTrue();
        assertThat(check.passes("```\na-b-c\n```")).isTrue();
        assertThat(check.passes("Output: A-B-C.")).isTrue();
        assertThat(check.passes("It joins the sorted letters.\na-b-c")).isTrue();
        assertThat(check.passes("abc")).isFalse();
        assertThat(check.passes("a-b-c-d")).isFalse();
    }

    @Test
    void termsMustAllBeThereInOneOfTheirForms() {
        ProbeTask.Terms check = new ProbeTask.Terms(List.of(List.of("playa"), List.of("mañana", "manana")));
        assertThat(check.passes("Vamos a la playa mañana.")).isTrue();
        assertThat(check.passes("Manana vamos a la PLAYA")).isTrue();
        assertThat(check.passes("Vamos a la playa.")).isFalse();
    }

    @Test
    void theShippedSuiteHasSixtyTasksOverTheDomainsAndEachExpectedAnswerPassesItsOwnCheckOnly() {
        ProbeSuite suite = ProbeSuiteJson.shipped();
        assertThat(suite.tasks()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(suite.perDomain().keySet()).contains(Domain.MATH, Domain.CODE, Domain.SUMMARIZATION,
                Domain.TRANSLATION, Domain.REASONING, Domain.FACTUAL);
        assertThat(suite.tasks().stream().map(ProbeTask::id).distinct()).hasSize(suite.tasks().size());
        for (ProbeTask task : suite.tasks()) {
            assertThat(task.passes(expected(task))).as(task.id()).isTrue();
            assertThat(task.passes("I don't know.")).as(task.id()).isFalse();
        }
    }

    static String expected(ProbeTask task) {
        return switch (task.check()) {
            case ProbeTask.Number n -> n.expected().toPlainString();
            case ProbeTask.Exact e -> e.anyOf().getFirst();
            case ProbeTask.Terms t -> String.join(" ", t.all().stream().map(List::getFirst).toList());
        };
    }
}
