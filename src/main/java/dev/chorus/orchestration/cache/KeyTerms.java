package dev.chorus.orchestration.cache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What two close questions must share before one's answer may serve the other. Sentence embeddings
 * put "capital of France" next to "capital of Germany", "5 km to miles" next to "5 miles to km" and
 * "sort by key" next to "sort by value"; what makes such questions different is a few recognisable
 * words, so they are compared here, after the cosine found the pair close:
 * <ul>
 *   <li>numbers, the word each number counts (70 <em>pounds</em>), and arithmetic signs;</li>
 *   <li>names (capitalised inside a sentence, or all capitals) and code-like tokens (C#, os.path, utf8),
 *       each of which must be a word of the other question;</li>
 *   <li>a negation, the script, and what is asked for: when, why, where or who;</li>
 *   <li>a direction: "A to B" against "B to A";</li>
 *   <li>a minimal pair: two questions that share most of their content words but each has one the other
 *       lacks ("first" and "last", "soft" and "hard") ask different things. A wording that only adds
 *       words ("a <em>funny</em> birthday message") must be closer than the threshold to count.</li>
 * </ul>
 */
record KeyTerms(Set<String> numbers, Map<String, String> counted, Set<String> signs, Set<String> marked,
                Set<String> quoted, Set<String> words, Map<String, String> content, Set<String> asks,
                List<String[]> directions, boolean negated, boolean cyrillic) {
    /** The cosine a question that only adds content words to the other needs. */
    static final double ADDITION_SIMILARITY = 0.90;
    /** Shared share of content words from which two questions are a minimal pair. */
    private static final double MINIMAL_PAIR_OVERLAP = 0.5;

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_#+.'’-]*[\\p{L}\\p{N}#+]|[\\p{L}\\p{N}]");
    private static final Pattern QUOTED = Pattern.compile("['‘\"“«]([^'’\"”»]{2,})['’\"”»]");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    // an arithmetic sign next to a digit, a lone variable or a bracket: "3x - 7", "x^2 * sin(x)", "r = 5"
    private static final Pattern SIGN = Pattern.compile(
            "(?<=(?:\\p{N}|\\p{N}\\p{L}|\\b\\p{L}|\\))\\s?)[-+*/×÷=^<>](?=\\s?(?:\\p{N}|\\p{L}\\b|\\())");
    static KeyTerms of(String raw) {
        // "x²" is x^2, "15%" is 15 percent, "100MB" is 100 MB and "97 prime or not?" asks, it does not negate
        String question = raw.replace("²", "^2").replace("³", "^3").replace("%", " percent")
                .replaceAll("(\\d)(?!(?:st|nd|rd|th)\\b)(\\p{L}{2,})", "$1 $2").replaceAll("(?i)\\bor not\\b", "");
        Set<String> numbers = new HashSet<>();
        Matcher n = NUMBER.matcher(question);
        while (n.find()) {
            numbers.add(n.group().replace(',', '.'));
        }
        Set<String> signs = new HashSet<>();
        Matcher s = SIGN.matcher(question);
        while (s.find()) {
            signs.add(s.group());
        }
        Set<String> marked = new HashSet<>();
        Set<String> words = new HashSet<>();
        List<String> tokens = new ArrayList<>();
        boolean negated = false;
        boolean sentenceStart = true;
        int cyrillic = 0;
        int latin = 0;
        Matcher t = TOKEN.matcher(question);
        int last = 0;
        while (t.find()) {
            if (question.substring(last, t.start()).matches(".*[.!?:;\\n].*")) {
                sentenceStart = true;
            }
            last = t.end();
            String token = t.group().replace('’', '\'');
            String lower = token.toLowerCase(Locale.ROOT).replace('ё', 'е');
            if (lower.endsWith("'s")) {
                lower = lower.substring(0, lower.length() - 2);
            }
            lower = lower.replace("'", "");
            words.add(lower);
            tokens.add(lower);
            if (Vocabulary.NUMBER_WORDS.containsKey(lower)) {
                numbers.add(Vocabulary.NUMBER_WORDS.get(lower));
            }
            negated |= Vocabulary.NEGATIONS.contains(lower) || token.toLowerCase(Locale.ROOT).endsWith("n't");
            for (int i = 0; i < token.length(); i++) {
                Character.UnicodeScript script = Character.UnicodeScript.of(token.codePointAt(i));
                if (script == Character.UnicodeScript.CYRILLIC) {
                    cyrillic++;
                } else if (script == Character.UnicodeScript.LATIN) {
                    latin++;
                }
            }
            if (isMarked(token, sentenceStart)) {
                marked.add(lower);
            }
            sentenceStart = false;
        }
        Map<String, String> counted = new HashMap<>();
        Map<String, String> content = new java.util.LinkedHashMap<>();
        Set<String> asks = new HashSet<>();
        List<String[]> directions = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (Vocabulary.ASKS.contains(token)) {
                asks.add(token);
            }
            if (NUMBER.matcher(token).matches() && i + 1 < tokens.size() && !isFunction(tokens.get(i + 1))) {
                counted.put(token.replace(',', '.'), stem(tokens.get(i + 1)));
            }
            if (!isFunction(token) && !NUMBER.matcher(token).matches()) {
                for (String part : token.split("-")) {
                    // "soft-boiled" against "hard-boiled" is "soft" against "hard"
                    if (!part.isEmpty() && !isFunction(part)) {
                        content.putIfAbsent(stem(part), part);
                    }
                }
            }
            if (Vocabulary.CONNECTORS.contains(token)) {
                String before = neighbour(tokens, i, -1);
                String after = neighbour(tokens, i, +1);
                if (before != null && after != null) {
                    // "an int from a String" is "a String to an int"
                    directions.add(token.equals("from") || token.equals("из")
                            ? new String[] {stem(after), stem(before)} : new String[] {stem(before), stem(after)});
                }
            }
        }
        Set<String> quoted = new HashSet<>();
        Matcher q = QUOTED.matcher(raw);
        while (q.find()) {
            quoted.add(q.group(1).toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}\\s]+", " ").strip());
        }
        return new KeyTerms(Set.copyOf(numbers), Map.copyOf(counted), Set.copyOf(signs), Set.copyOf(marked),
                Set.copyOf(quoted), Set.copyOf(words), Map.copyOf(content), Set.copyOf(asks), List.copyOf(directions),
                negated, cyrillic > latin);
    }

    /** How two close questions compare, word by word. */
    sealed interface Verdict {
        /** Nothing here tells them apart: the cosine decides. */
        record Alike() implements Verdict {
        }

        /** One only adds words to the other: it must be closer than the threshold ({@link #ADDITION_SIMILARITY}). */
        record Added() implements Verdict {
        }

        /** All else the same, a few words in place of others: alike only if those words mean the same. */
        record Swapped(String mine, String theirs) implements Verdict {
        }

        /** A rule tells them apart, whatever their cosine: which one, for reading. */
        record Different(String rule) implements Verdict {
        }
    }

    Verdict compare(KeyTerms other) {
        String rule = hardDifference(other);
        if (rule != null) {
            return new Verdict.Different(rule);
        }
        if (!quoted.isEmpty()) {
            return new Verdict.Alike(); // the same quoted words: the rest is how it is asked
        }
        Set<String> shared = new HashSet<>(content.keySet());
        shared.retainAll(other.content.keySet());
        int onlyMine = content.size() - shared.size();
        int onlyTheirs = other.content.size() - shared.size();
        if (onlyMine >= 1 && onlyTheirs >= 1 && shared.size() >= 2
                && shared.size() >= 2 * Math.max(onlyMine, onlyTheirs)) {
            return new Verdict.Swapped(only(content, shared), only(other.content, shared));
        }
        double overlap = shared.size() / (double) Math.max(1, Math.min(content.size(), other.content.size()));
        if ((onlyMine == 0) != (onlyTheirs == 0) && overlap >= MINIMAL_PAIR_OVERLAP) {
            return new Verdict.Added();
        }
        return new Verdict.Alike();
    }

    /** The rule that tells the two apart whatever their cosine, or null. */
    private String hardDifference(KeyTerms other) {
        if (!numbers.equals(other.numbers)) {
            return "numbers";
        }
        if (!signs.equals(other.signs)) {
            return "signs";
        }
        if (!quoted.equals(other.quoted) && !quoted.isEmpty() && !other.quoted.isEmpty()) {
            return "quoted";
        }
        if (negated != other.negated) {
            return "negation";
        }
        if (cyrillic != other.cyrillic) {
            return "script";
        }
        if (!other.words.containsAll(marked) || !words.containsAll(other.marked)) {
            return "names";
        }
        if (conflicts(counted, other.counted)) {
            return "counted";
        }
        if (!asks.isEmpty() && !other.asks.isEmpty() && !asks.equals(other.asks)) {
            return "asks";
        }
        if (reversed(directions, other.directions) || reversed(other.directions, directions)) {
            return "direction";
        }
        return null;
    }

    private static String only(Map<String, String> content, Set<String> shared) {
        StringBuilder words = new StringBuilder();
        content.forEach((stem, word) -> {
            if (!shared.contains(stem)) {
                words.append(words.isEmpty() ? "" : " ").append(word);
            }
        });
        return words.toString();
    }

    private static boolean conflicts(Map<String, String> a, Map<String, String> b) {
        for (Map.Entry<String, String> e : a.entrySet()) {
            String there = b.get(e.getKey());
            if (there != null && !there.equals(e.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a direction of {@code a} appears turned round in {@code b}: "km to miles" against "miles to km". */
    private static boolean reversed(List<String[]> a, List<String[]> b) {
        for (String[] x : a) {
            for (String[] y : b) {
                if (x[0].equals(y[1]) && x[1].equals(y[0]) && !x[0].equals(x[1])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The nearest content word before (step -1) or after (+1) position {@code i}, within three words. */
    private static String neighbour(List<String> tokens, int i, int step) {
        for (int j = i + step, seen = 0; j >= 0 && j < tokens.size() && seen < 3; j += step, seen++) {
            if (!isFunction(tokens.get(j)) && !NUMBER.matcher(tokens.get(j)).matches()) {
                return tokens.get(j);
            }
        }
        return null;
    }

    private static boolean isFunction(String word) {
        return Vocabulary.FUNCTION_WORDS.contains(word);
    }

    /** A crude stem, enough to meet "liters" with "liter" and "reversing" with "reverse". */
    static String stem(String word) {
        String w = word;
        if (w.length() > 4 && w.endsWith("ies")) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
            w = w.substring(0, w.length() - 1);
        }
        return w.length() > 5 ? w.substring(0, 5) : w;
    }

    private static boolean isMarked(String token, boolean sentenceStart) {
        if (token.length() == 1) {
            // a lone letter is a variable or a grade: "solve for x", "vitamin D"
            return Character.isLetter(token.charAt(0)) && !sentenceStart && !token.equals("I") && !token.equals("a");
        }
        boolean letters = token.codePoints().anyMatch(Character::isLetter);
        boolean digits = token.codePoints().anyMatch(Character::isDigit);
        if (letters && digits) {
            return true;
        }
        if (token.matches(".*[#+_].*") || token.matches(".*\\p{L}\\.\\p{L}.*")) {
            return true;
        }
        boolean upperFirst = Character.isUpperCase(token.codePointAt(0));
        boolean allUpper = token.codePoints().filter(Character::isLetter).allMatch(Character::isUpperCase);
        return (allUpper && letters) || (upperFirst && !sentenceStart);
    }
}
