package dev.chorus.i18n;

import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the bot says in one language, read from {@code i18n/messages*.properties} (English is
 * the base bundle and the fallback for a key Russian lacks). Every text goes through
 * {@link MessageFormat}, so in the bundles a quote is written {@code ''} and braces hold arguments.
 * Whole numbers are shown as plain digits (no grouping), as the bot always showed them. Thread-safe.
 */
public final class Texts {
    private static final Logger log = LoggerFactory.getLogger(Texts.class);
    private static final String BUNDLE = "i18n.messages";
    private static final Map<Language, Texts> ALL = new EnumMap<>(Language.class);

    static {
        for (Language language : Language.values()) {
            ALL.put(language, new Texts(language));
        }
    }

    private final Language language;
    private final ResourceBundle bundle;

    private Texts(Language language) {
        this.language = language;
        // No fallback to the JVM's own locale: on a Russian server English must still be English.
        this.bundle = ResourceBundle.getBundle(BUNDLE, language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static Texts of(Language language) {
        return ALL.get(language);
    }

    public static Texts english() {
        return ALL.get(Language.EN);
    }

    /** The texts for a language code as Telegram or {@code /language} gives it (null: English). */
    public static Texts forCode(String languageCode) {
        return of(Language.fromTelegram(languageCode));
    }

    public Language language() {
        return language;
    }

    /** The text for {@code key} with {@code args} filled in; phrases among the args are rendered too. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            // a bug, but one that should cost the user a word, not the reply
            log.error("no text for key {} in {}", key, language);
            return key;
        }
        Object[] filled = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            filled[i] = switch (args[i]) {
                case null -> "";
                case Phrase p -> render(p);
                case Phrase.Time time -> java.time.format.DateTimeFormatter.ofPattern(time.pattern(), language.locale())
                        .format(time.at());
                case Integer n -> String.valueOf(n);
                case Long n -> String.valueOf(n);
                default -> args[i];
            };
        }
        return new MessageFormat(pattern, language.locale()).format(filled);
    }

    public String render(Phrase phrase) {
        return get(phrase.key(), phrase.args().toArray());
    }

    /** Every key this language has, its own and the fallback's. */
    public Set<String> keys() {
        return bundle.keySet();
    }
}
