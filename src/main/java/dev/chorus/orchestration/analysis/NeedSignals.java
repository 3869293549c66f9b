package dev.chorus.orchestration.analysis;

import java.time.Clock;
import java.time.Year;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Freshness and multi-step detection: the topic-independent parts of {@link Needs} besides size and privacy. */
final class NeedSignals {
    private static final Lexicon FRESH = new Lexicon(
            "today", "tonight", "latest", "newest", "currently", "right now", "as of now",
            "price now", "news", "breaking", "this week", "this month", "this year", "recent*", "current",
            "up to date", "weather", "exchange rate", "stock price", "live score",
            "сегодня", "сейчас", "сегодняшн*", "новост*", "актуальн*", "свеж*", "на данный момент", "в этом году",
            "на этой неделе", "текущ*", "курс доллара", "курс евро", "курс валют*", "курс рубля", "погод*");
    /** "Последние" means both "latest" and "last N": it is fresh only when no count follows. */
    static final GatedPattern LATEST_RU = GatedPattern.of(
            "(?iu)(?<!\\p{L})последн(?:ие|их|ий|яя|ее)(?!\\p{L})(?!\\s{1,3}\\d)",
            s -> s.toLowerCase(Locale.ROOT).contains("последн"));
    static final GatedPattern YEAR = GatedPattern.of("(?<![\\d.,])(20\\d{2})(?![\\d.,]\\d)", GatedPattern.containing("20"));

    private static final Lexicon STEPS = new Lexicon(
            "step by step", "then", "after that", "and also", "walk me through",
            "in order", "пошагово", "по шагам", "затем", "потом", "после этого", "а также", "сначала",
            "по порядку", "шаг за шагом");
    private static final Pattern NUMBERED_ITEM = Pattern.compile("(?m)^\\s{0,6}(?:\\d{1,2}[.)]|[-*•])\\s");

    private final Clock clock;

    NeedSignals(Clock clock) {
        this.clock = clock;
    }

    boolean freshness(Text text) {
        if (FRESH.any(text.instruction) || LATEST_RU.find(text.prose)) {
            return true;
        }
        if (!YEAR.gate().test(text.prose)) {
            return false;
        }
        int thisYear = Year.now(clock).getValue();
        Matcher year = YEAR.pattern().matcher(text.prose);
        while (year.find()) {
            int y = Integer.parseInt(year.group(1));
            if (y == thisYear || y == thisYear + 1) {
                return true;
            }
        }
        return false;
    }

    /**
     * Several numbered or bulleted items in the instruction itself, explicit sequencing words, or
     * more than one question. A pasted list (a changelog to summarize) is material, not steps, so
     * line items count only in messages without a long payload.
     */
    boolean multiStep(Text text) {
        if (STEPS.any(text.instruction)) {
            return true;
        }
        if (text.payloadWords == 0 && Text.count(NUMBERED_ITEM, text.prose, 2) >= 2) {
            return true;
        }
        int first = text.prose.indexOf('?');
        return first >= 0 && text.prose.indexOf('?', first + 1) >= 0;
    }
}
