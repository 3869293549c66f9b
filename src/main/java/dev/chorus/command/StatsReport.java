package dev.chorus.command;

import dev.chorus.i18n.Texts;
import dev.chorus.money.MoneyFormat;
import dev.chorus.orchestration.Ratings;
import dev.chorus.orchestration.learning.RatingTally;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code /stats} as text for a phone: for admins, how each model was rated per domain (ratings,
 * share good, cost per good answer); for anyone, their own ratings.
 */
final class StatsReport {
    /** A phone screen's worth per domain: the most rated models. */
    static final int MODELS_PER_DOMAIN = 6;

    private StatsReport() {
    }

    static String forAdmins(List<RatingTally> tallies, Texts texts) {
        if (tallies.isEmpty()) {
            return texts.get("stats.none");
        }
        Map<String, List<RatingTally>> byDomain = tallies.stream().collect(Collectors.groupingBy(RatingTally::domain,
                TreeMap::new, Collectors.toList()));
        long total = tallies.stream().filter(t -> !t.model().startsWith("strategy:")).mapToLong(RatingTally::ratings)
                .sum();
        StringBuilder text = new StringBuilder(texts.get("stats.title", total));
        byDomain.forEach((domain, list) -> {
            text.append("\n\n").append(domain).append(':');
            List<RatingTally> shown = list.stream().sorted(Comparator.comparingLong(RatingTally::ratings).reversed()
                    .thenComparing(RatingTally::model)).limit(MODELS_PER_DOMAIN).toList();
            for (RatingTally t : shown) {
                text.append("\n• ").append(t.model()).append(": ")
                        .append(texts.get(t.ratings() == 1 ? "stats.model.one" : "stats.model.many", t.ratings(),
                                percent(t.shareGood())));
                t.costPerGoodMicros().ifPresent(c -> text.append(", ")
                        .append(texts.get("stats.per_good", MoneyFormat.dollars(c))));
            }
            if (list.size() > shown.size()) {
                text.append("\n• ").append(texts.get("stats.more", list.size() - shown.size()));
            }
        });
        return text.toString();
    }

    static String forPerson(List<Ratings.Own> own, Texts texts) {
        if (own.isEmpty()) {
            return texts.get("stats.own.none");
        }
        long total = own.stream().mapToLong(Ratings.Own::ratings).sum();
        StringBuilder text = new StringBuilder(texts.get(total == 1 ? "stats.own.one" : "stats.own.many", total));
        for (Ratings.Own o : own) {
            text.append("\n• ").append(o.model()).append(": ").append(texts.get("stats.own.model", o.ratings(), o.good()));
        }
        return text.toString();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
