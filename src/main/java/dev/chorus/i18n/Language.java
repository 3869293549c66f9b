package dev.chorus.i18n;

import java.util.Locale;
import java.util.Optional;

/** The languages the bot speaks. English is the fallback for everyone else. */
public enum Language {
    EN("en", Locale.ENGLISH),
    RU("ru", Locale.forLanguageTag("ru"));

    private final String code;
    private final Locale locale;

    Language(String code, Locale locale) {
        this.code = code;
        this.locale = locale;
    }

    /** The code stored and typed in {@code /language}: {@code en} or {@code ru}. */
    public String code() {
        return code;
    }

    public Locale locale() {
        return locale;
    }

    /** Telegram's {@code language_code} ({@code ru}, {@code ru-RU}, {@code en-US}, ...; may be null): ru* is Russian, the rest English. */
    public static Language fromTelegram(String languageCode) {
        return languageCode != null && languageCode.strip().toLowerCase(Locale.ROOT).startsWith("ru") ? RU : EN;
    }

    /** A language named by its code, as typed after {@code /language} or stored; empty for anything else. */
    public static Optional<Language> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String key = code.strip().toLowerCase(Locale.ROOT);
        for (Language language : values()) {
            if (language.code.equals(key)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
