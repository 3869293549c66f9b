package dev.chorus.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.budget.Period;
import dev.chorus.command.ChatCommands;
import dev.chorus.command.CommandInfo;
import dev.chorus.orchestration.Failure;
import dev.chorus.orchestration.MemberState;
import dev.chorus.orchestration.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The bundles: the same keys in both languages, every pattern valid, and every key the code names present. */
class TextsTest {
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");
    // a key named in code: t.get("..."), Phrase.of("..."), and the keys a ternary or a switch picks
    private static final Pattern KEY_IN_CODE = Pattern.compile(
            "(?:get\\(|Phrase\\.of\\(|\\?|:|->)\\s*\"([a-z][a-z_]*(?:\\.[a-z_]+)+)\"");

    @Test
    void bothLanguagesHaveExactlyTheSameKeys() throws IOException {
        Set<String> english = new TreeSet<>(load("/i18n/messages.properties").stringPropertyNames());
        Set<String> russian = new TreeSet<>(load("/i18n/messages_ru.properties").stringPropertyNames());
        assertThat(english).isNotEmpty();
        assertThat(russian).as("keys only in English").containsAll(english);
        assertThat(english).as("keys only in Russian").containsAll(russian);
    }

    @Test
    void everyPatternFormatsWithDummyArgumentsInBothLanguages() throws IOException {
        for (String file : List.of("/i18n/messages.properties", "/i18n/messages_ru.properties")) {
            Properties bundle = load(file);
            Texts texts = Texts.of(file.contains("_ru") ? Language.RU : Language.EN);
            for (String key : bundle.stringPropertyNames()) {
                String pattern = bundle.getProperty(key);
                // a lone quote starts a quoted section in MessageFormat and would swallow the rest of the text
                assertThat(pattern.replace("''", "")).as(file + " " + key + ": write a quote as ''")
                        .doesNotContain("'");
                String formatted = texts.get(key, dummies(pattern));
                assertThat(formatted).as(file + " " + key).isNotBlank().doesNotContainPattern("\\{\\d");
                if (!key.equals("verbatim")) {
                    assertThat(formatted).as(file + " " + key).contains(pattern.replaceAll("(?s)\\{\\d+}.*", "")
                            .replace("''", "'"));
                }
            }
        }
    }

    @Test
    void russianIsRussianAndTheFallbackIsEnglish() {
        assertThat(Texts.of(Language.RU).get("button.cancel")).isEqualTo("Отмена");
        assertThat(Texts.of(Language.EN).get("button.cancel")).isEqualTo("Cancel");
        assertThat(Texts.forCode("ru-RU").language()).isEqualTo(Language.RU);
        assertThat(Texts.forCode("uk").language()).isEqualTo(Language.EN);
        assertThat(Texts.forCode(null).language()).isEqualTo(Language.EN);
        assertThat(Texts.english().get("command.unknown", "foo")).isEqualTo("I don't know /foo. Send /help to see what I can do.");
    }

    @Test
    void englishStaysEnglishOnAServerSetToRussian() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("ru-RU"));
            // a fresh bundle lookup, as on a JVM that starts in Russian
            java.util.ResourceBundle bundle = java.util.ResourceBundle.getBundle("i18n.messages", Locale.ENGLISH,
                    java.util.ResourceBundle.Control.getNoFallbackControl(
                            java.util.ResourceBundle.Control.FORMAT_PROPERTIES));
            assertThat(bundle.getString("button.cancel")).isEqualTo("Cancel");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void phrasesRenderTheirArgumentsInTheReadersLanguage() {
        Phrase why = Phrase.of("route.pin_set_aside", "nano", Phrase.of("reject.context"), Phrase.of("route.pinned"));
        assertThat(why.english()).isEqualTo("pinned nano set aside (context window too small); pinned with /model");
        assertThat(Texts.of(Language.RU).render(why))
                .isEqualTo("закреплённая nano отложена (контекстное окно слишком мало); закреплена через /model");
        assertThat(Texts.english().get("stats.title", 12345L)).as("numbers without grouping").contains("(12345 in all");
        assertThat(Phrase.lines(List.of(Phrase.verbatim("a"), Phrase.verbatim("b"), Phrase.verbatim("c"))).english())
                .isEqualTo("a\nb\nc");
    }

    @Test
    void everyKeyTheCodeNamesIsInTheBundle() throws IOException {
        Set<String> keys = load("/i18n/messages.properties").stringPropertyNames();
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = Files.readString(file);
                if (!code.contains("Texts") && !code.contains("Phrase")) {
                    continue;
                }
                Matcher m = KEY_IN_CODE.matcher(code);
                while (m.find()) {
                    if (!keys.contains(m.group(1)) && !m.group(1).startsWith("i18n.")) {
                        missing.add(file.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theKeysTheCodeBuildsExist() throws IOException {
        Set<String> keys = load("/i18n/messages.properties").stringPropertyNames();
        List<String> built = new ArrayList<>();
        for (Role role : Role.values()) {
            built.add("role." + role.label());
            built.add("done." + role.label());
        }
        for (MemberState state : MemberState.values()) {
            built.add("state." + state.label());
        }
        for (Period period : Period.values()) {
            built.add("period." + period.key());
            built.add("per." + period.key());
        }
        for (dev.chorus.orchestration.analysis.PrivateData kind : dev.chorus.orchestration.analysis.PrivateData.values()) {
            built.add("private." + kind.name().toLowerCase(Locale.ROOT));
        }
        for (Failure failure : Failure.values()) {
            built.add("failure." + failure.name().toLowerCase(Locale.ROOT));
        }
        assertThat(keys).containsAll(built);
        for (Language language : Language.values()) {
            List<CommandInfo> menu = new ArrayList<>(ChatCommands.menu(language));
            menu.addAll(ChatCommands.adminMenu(language));
            // Telegram allows 1-256 characters per description
            assertThat(menu).allSatisfy(c -> assertThat(c.description()).doesNotStartWith("menu.").hasSizeBetween(1, 256));
            assertThat(menu).extracting(CommandInfo::command).contains("language", "ask", "status");
        }
    }

    private static Object[] dummies(String pattern) {
        Matcher m = ARGUMENT.matcher(pattern);
        int count = 0;
        while (m.find()) {
            count = Math.max(count, Integer.parseInt(m.group(1)) + 1);
        }
        Object[] args = new Object[count];
        for (int i = 0; i < count; i++) {
            args[i] = "x" + i;
        }
        return args;
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = TextsTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
