package dev.chorus.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.orchestration.multi.Subtask;
import org.junit.jupiter.api.Test;

class JsonPlanParserTest {
    private final JsonPlanParser parser = new JsonPlanParser();

    @Test
    void aPlanInFormIsReadInOrder() {
        assertThat(parser.parse("```json\n{\"subtasks\": [{\"id\": 1, \"description\": \"a\", \"expected\": \"b\", "
                + "\"note\": \"extra fields are fine\"}, {\"id\": 2, \"description\": \"c\", \"expected\": \"d\"}]}\n```"))
                .hasValueSatisfying(plan -> assertThat(plan).extracting(Subtask::id, Subtask::description)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "a"), org.assertj.core.groups.Tuple.tuple(2, "c")));
    }

    @Test
    void anythingOutOfFormIsNoPlan() {
        String five = "{\"subtasks\": [" + "{\"id\": 1, \"description\": \"a\", \"expected\": \"b\"},".repeat(5);
        for (String bad : new String[] {"Sure, here is my plan", "{}", "{\"subtasks\": []}",
                five.substring(0, five.length() - 1) + "]}",
                "{\"subtasks\": [{\"id\": 2, \"description\": \"a\", \"expected\": \"b\"}]}",
                "{\"subtasks\": [{\"id\": \"1\", \"description\": \"a\", \"expected\": \"b\"}]}",
                "{\"subtasks\": [{\"id\": 1, \"description\": \"\", \"expected\": \"b\"}]}",
                "{\"subtasks\": [{\"id\": 1, \"description\": \"" + "x".repeat(601) + "\", \"expected\": \"b\"}]}",
                "{\"subtasks\": [{\"id\": 1, \"description\": \"a\"}]}",
                "{\"subtasks\": [{\"id\": 1, \"description\": \"a\", \"expected\": \"b\"}]} trailing"}) {
            assertThat(parser.parse(bad)).as(bad.length() > 60 ? bad.substring(0, 60) : bad).isEmpty();
        }
    }
}
