package dev.chorus.command;

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

    static String forAdmins(List<RatingTally> tallies) {
        if (tallies.isEmpty()) {
            return "No ratings yet. They come from 👍 / 👎 under answers, /rate, and the learn command.";
        }
        Map<String, List<RatingTally>> byDomain = tallies.stream().collect(Collectors.groupingBy(RatingTally::domain,
                TreeMap::new, Collectors.toList()));
        long total = tallies.stream().filter(t -> !t.model().startsWith("strategy:")).mapToLong(RatingTally::ratings)
                .sum();
        StringBuilder text = new StringBuilder("Ratings by domain and model (" + total + " in all; good = 4–5 or 👍)");
        byDomain.forEach((domain, list) -> {
            text.append("\n\n").append(domain).append(':');
            List<RatingTally> shown = list.stream().sorted(Comparator.comparingLong(RatingTally::ratings).reversed()
                    .thenComparing(RatingTally::model)).limit(MODELS_PER_DOMAIN).toList();
            for (RatingTally t : shown) {
                text.append("\n• ").append(t.model()).append(": ").append(t.ratings())
                        .append(t.ratings() == 1 ? " rating, " : " ratings, ")
                        .append(percent(t.shareGood())).append(" good");
                t.costPerGoodMicros().ifPresent(c -> text.append(", ").append(MoneyFormat.dollars(c))
                        .append(" per good answer"));
            }
            if (list.size() > shown.size()) {
                text.append("\n• and ").append(list.size() - shown.size()).append(" more");
            }
        });
        return text.toString();
    }

    static String forPerson(List<Ratings.Own> own) {
        if (own.isEmpty()) {
            return "You have not rated any answers yet. Press 👍 or 👎 under an answer, or reply /rate 1-5 to it: "
                    + "ratings teach me which model suits which question.";
        }
        long total = own.stream().mapToLong(Ratings.Own::ratings).sum();
        StringBuilder text = new StringBuilder("Your ratings: " + total + (total == 1 ? " answer" : " answers"));
        for (Ratings.Own o : own) {
            text.append("\n• ").append(o.model()).append(": ").append(o.ratings()).append(", ")
                    .append(o.good()).append(" good");
        }
        return text.toString();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
