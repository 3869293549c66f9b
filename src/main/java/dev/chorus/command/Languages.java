package dev.chorus.command;

import dev.chorus.i18n.Language;
import dev.chorus.store.Directory;

/**
 * Which language each person reads: the one they chose with {@code /language}, else the one their
 * Telegram app reports, else English. Per person, so in a group everyone gets their own.
 */
final class Languages {
    private final Directory directory;
    // read for every update, changed by /language now and then; a minute bounds what another replica's
    // change takes to be seen here
    private final com.github.benmanes.caffeine.cache.Cache<Long, java.util.Optional<Language>> chosen =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(100_000)
                    .expireAfterWrite(java.time.Duration.ofMinutes(1)).build();

    Languages(Directory directory) {
        this.directory = directory;
    }

    /** The language of {@code userId}, whose Telegram app reports {@code telegramCode} (may be null). */
    Language of(long userId, String telegramCode) {
        return chosen.get(userId, id -> directory.chosenLanguage(id).flatMap(Language::parse))
                .orElseGet(() -> Language.fromTelegram(telegramCode));
    }

    /** The language of someone not writing right now (an admin being alerted), as last known; English if never. */
    Language of(long userId) {
        return Language.fromTelegram(directory.language(userId).orElse(null));
    }

    /** What the bot says to {@code userId} when they did not just write: in their language as last known. */
    dev.chorus.i18n.Texts texts(long userId) {
        return dev.chorus.i18n.Texts.of(of(userId));
    }

    Incoming resolve(Incoming in) {
        return in.withLanguage(of(in.userId(), in.languageCode()).code());
    }

    Callback resolve(Callback callback) {
        return callback.withLanguage(of(callback.userId(), callback.languageCode()).code());
    }

    void choose(long userId, Language language) {
        directory.chooseLanguage(userId, language.code());
        chosen.invalidate(userId);
    }
}
