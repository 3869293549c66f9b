package dev.chorus.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandLineTest {
    @Test
    void parsesNameTargetAndArguments() {
        CommandLine cmd = CommandLine.parse("/Ask@ChorusBot  what is\nrust ").orElseThrow();
        assertThat(cmd.name()).isEqualTo("ask");
        assertThat(cmd.target()).isEqualTo("ChorusBot");
        assertThat(cmd.args()).isEqualTo("what is\nrust");
        assertThat(cmd.isForAnotherBot("chorusbot")).isFalse();
        assertThat(cmd.isForAnotherBot("OtherBot")).isTrue();
    }

    @Test
    void bareCommandHasNoTarget() {
        CommandLine cmd = CommandLine.parse("/help").orElseThrow();
        assertThat(cmd.name()).isEqualTo("help");
        assertThat(cmd.target()).isNull();
        assertThat(cmd.args()).isEmpty();
        assertThat(cmd.isForAnotherBot("ChorusBot")).isFalse();
    }

    @Test
    void textThatIsNotACommand() {
        assertThat(CommandLine.parse("what is /ask?")).isEmpty();
        assertThat(CommandLine.parse("/")).isEmpty();
        assertThat(CommandLine.parse("/path/to/file is missing")).isEmpty();
        assertThat(CommandLine.parse("")).isEmpty();
        assertThat(CommandLine.parse(null)).isEmpty();
    }
}
