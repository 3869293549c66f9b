package dev.chorus.command;

import dev.chorus.i18n.Language;
import dev.chorus.i18n.Texts;
import java.util.Optional;

/** {@code /language en|ru} and its buttons: which language the bot speaks to this person. */
final class LanguageCommands {
    static final String SET = "lang:";

    private final Languages languages;

    LanguageCommands(Languages languages) {
        this.languages = languages;
    }

    Reply language(Incoming in, String args) {
        Texts t = in.texts();
        if (args.isBlank()) {
            return Reply.plain(t.get("language.current", t.get("language.name"))).withButtons(
                    new Reply.Button(Texts.of(Language.EN).get("language.button"), SET + Language.EN.code()),
                    new Reply.Button(Texts.of(Language.RU).get("language.button"), SET + Language.RU.code()));
        }
        Optional<Language> wanted = Language.parse(args);
        if (wanted.isEmpty()) {
            return Reply.plain(t.get("language.unknown", Quote.of(args.strip())));
        }
        languages.choose(in.userId(), wanted.get());
        return Reply.plain(chosen(wanted.get()));
    }

    /** A press of one of the buttons {@link #language} shows; false when the data is not one. */
    boolean onButton(Callback callback, ChatOutput out) {
        if (!callback.data().startsWith(SET)) {
            return false;
        }
        Optional<Language> wanted = Language.parse(callback.data().substring(SET.length()));
        if (wanted.isEmpty()) {
            return false;
        }
        languages.choose(callback.userId(), wanted.get());
        out.acknowledge(callback.callbackId(), null);
        out.send(Reply.plain(chosen(wanted.get())));
        return true;
    }

    /** Said in the new language, so the person sees at once that it worked. */
    private static String chosen(Language language) {
        Texts t = Texts.of(language);
        return t.get("language.set", t.get("language.name"));
    }
}
