package dev.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.cli.CommandLineArgs.Command;
import dev.chorus.orchestration.delegation.Mode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandLineArgsTest {

    private static CommandLineArgs parse(String... args) {
        return CommandLineArgs.parse(args);
    }

    @Test
    void noCommandOrOnlyAConfigRunsTheBot() {
        assertThat(parse().command()).isEqualTo(Command.BOT);
        CommandLineArgs bot = parse("--config", "x.properties");
        assertThat(bot.command()).isEqualTo(Command.BOT);
        assertThat(bot.configFile()).contains(Path.of("x.properties"));
    }

    @Test
    void routeTakesConfigAndModeInAnyOrder() {
        CommandLineArgs route = parse("--mode", "CHEAP", "route", "-c", "a.properties");
        assertThat(route.command()).isEqualTo(Command.ROUTE);
        assertThat(route.mode()).contains(Mode.CHEAP);
        assertThat(route.configFile()).contains(Path.of("a.properties"));
    }

    @Test
    void askJoinsTheRemainingWordsIntoTheQuestion() {
        CommandLineArgs ask = parse("ask", "what", "is", "2+2?", "--allow-cloud");
        assertThat(ask.command()).isEqualTo(Command.ASK);
        assertThat(ask.question()).isEqualTo("what is 2+2?");
        assertThat(ask.allowCloud()).isTrue();
        assertThat(parse("ask", "--", "--mode", "is a word here").question()).isEqualTo("--mode is a word here");
        assertThat(parse("ask", "route").question()).as("only the first word is a command").isEqualTo("route");
    }

    @Test
    void helpWinsAnywhere() {
        assertThat(parse("route", "--help").command()).isEqualTo(Command.HELP);
        assertThat(CommandLineArgs.USAGE).contains("route").contains("ask").contains("--mode");
    }

    @Test
    void mistakesAreOneLineStartingWithUsage() {
        assertThatThrownBy(() -> parse("route", "--mode", "turbo"))
                .isInstanceOf(CommandLineArgs.UsageException.class)
                .hasMessageStartingWith("Usage: java -jar chorus.jar")
                .hasMessageContaining("cheap, balanced, quality, fast, local, got 'turbo'");
        assertThatThrownBy(() -> parse("route", "--mode")).hasMessageContaining("--mode needs one of");
        assertThatThrownBy(() -> parse("ask")).hasMessageContaining("the question is missing");
        assertThatThrownBy(() -> parse("--frobnicate")).hasMessageContaining("unknown argument '--frobnicate'");
        assertThatThrownBy(() -> parse("serve")).hasMessageContaining("unknown argument 'serve'");
        assertThatThrownBy(() -> parse("--mode", "cheap")).hasMessageContaining("--mode is for route and ask");
        assertThatThrownBy(() -> parse("route", "--allow-cloud")).hasMessageContaining("--allow-cloud is for ask");
        for (String[] args : new String[][] {{"route", "--mode", "x"}, {"ask"}, {"--config"}}) {
            assertThatThrownBy(() -> CommandLineArgs.parse(args)).satisfies(e ->
                    assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }
}
