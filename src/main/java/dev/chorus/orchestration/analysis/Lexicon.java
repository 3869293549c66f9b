package dev.chorus.orchestration.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted word and phrase cues. A cue is written {@code "words:weight"}; a token ending in
 * {@code *} matches any word it prefixes, which covers English inflection and Russian endings
 * ("переведи", "переведите" by {@code "перевед*"}). Each cue counts once however often it occurs, so
 * repeating a word does not inflate evidence. Immutable and thread-safe.
 */
final class Lexicon {
    private record Cue(String[] tokens, double weight) {
    }

    private final Map<String, List<Cue>> byExactFirst = new HashMap<>();
    /** Prefix cues by their first two letters, so a word is compared only with cues that could match it. */
    private final Map<String, List<Cue>> byPrefixFirst = new HashMap<>();
    private static final int BUCKET = 2;

    Lexicon(String... cues) {
        for (String spec : cues) {
            int colon = spec.lastIndexOf(':');
            double weight = colon < 0 ? 1.0 : Double.parseDouble(spec.substring(colon + 1));
            String phrase = colon < 0 ? spec : spec.substring(0, colon);
            // cues are written as Text.words produces them: lower case, one space between words
            String[] tokens = phrase.strip().split("\\s+");
            Cue cue = new Cue(tokens, weight);
            if (tokens[0].endsWith("*")) {
                if (tokens[0].length() <= BUCKET) {
                    throw new IllegalArgumentException("prefix cue too short to be useful: " + spec);
                }
                byPrefixFirst.computeIfAbsent(tokens[0].substring(0, BUCKET), k -> new ArrayList<>()).add(cue);
            } else {
                byExactFirst.computeIfAbsent(tokens[0], k -> new ArrayList<>()).add(cue);
            }
        }
    }

    /** Sum of the weights of the distinct cues present in {@code words}. */
    double score(List<String> words) {
        double total = 0;
        for (Cue cue : matched(words)) {
            total += cue.weight();
        }
        return total;
    }

    boolean any(List<String> words) {
        return !matched(words).isEmpty();
    }

    int count(List<String> words) {
        return matched(words).size();
    }

    private List<Cue> matched(List<String> words) {
        List<Cue> hits = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            List<Cue> exact = byExactFirst.get(word);
            if (exact != null) {
                for (Cue cue : exact) {
                    addIfAt(cue, words, i, hits);
                }
            }
            List<Cue> prefixed = word.length() < BUCKET ? null : byPrefixFirst.get(word.substring(0, BUCKET));
            if (prefixed != null) {
                for (Cue cue : prefixed) {
                    addIfAt(cue, words, i, hits);
                }
            }
        }
        return hits;
    }

    private static void addIfAt(Cue cue, List<String> words, int at, List<Cue> hits) {
        if (at + cue.tokens().length > words.size() || hits.contains(cue)) {
            return;
        }
        for (int k = 0; k < cue.tokens().length; k++) {
            if (!tokenMatches(cue.tokens()[k], words.get(at + k))) {
                return;
            }
        }
        hits.add(cue);
    }

    private static boolean tokenMatches(String token, String word) {
        return token.endsWith("*") ? word.startsWith(token.substring(0, token.length() - 1)) : token.equals(word);
    }
}
