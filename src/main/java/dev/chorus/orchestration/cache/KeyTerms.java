package dev.chorus.orchestration.cache;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What two close questions must share before one's answer may serve the other. Sentence embeddings
 * put "capital of France" next to "capital of Germany" and "5 miles in km" next to "50 miles in km";
 * the words that make such questions different are few and recognisable: numbers, names (capitalised
 * inside a sentence, or all capitals), code-like tokens (C#, os.path, utf8), and a negation.
 */
record KeyTerms(Set<String> numbers, Set<String> marked, Set<String> words, boolean negated, boolean cyrillic) {
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_#+.'’-]*[\\p{L}\\p{N}#+]|[\\p{L}\\p{N}]");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "without", "none", "nothing", "cannot",
            "isn't", "aren't", "don't", "doesn't", "didn't", "can't", "won't", "shouldn't", "wasn't", "weren't",
            "не", "нет", "без", "никогда", "ни", "нельзя");

    static KeyTerms of(String question) {
        Set<String> numbers = new HashSet<>();
        Matcher n = NUMBER.matcher(question);
        while (n.find()) {
            numbers.add(number(n.group()));
        }
        Set<String> marked = new HashSet<>();
        Set<String> words = new HashSet<>();
        boolean negated = false;
        boolean sentenceStart = true;
        int cyrillic = 0;
        int latin = 0;
        Matcher t = TOKEN.matcher(question);
        int last = 0;
        while (t.find()) {
            String between = question.substring(last, t.start());
            if (between.matches(".*[.!?:;\\n].*")) {
                sentenceStart = true;
            }
            last = t.end();
            String token = t.group().replace('’', '\'');
            String lower = token.toLowerCase(Locale.ROOT);
            words.add(lower);
            negated |= NEGATIONS.contains(lower) || lower.endsWith("n't");
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
        return new KeyTerms(Set.copyOf(numbers), Set.copyOf(marked), Set.copyOf(words), negated, cyrillic > latin);
    }

    /**
     * Whether an answer to one question may serve the other: the same numbers, the same script, both
     * or neither negated, and every name or code-like token of each is a word of the other.
     */
    boolean agreesWith(KeyTerms other) {
        return numbers.equals(other.numbers) && negated == other.negated && cyrillic == other.cyrillic
                && other.words.containsAll(marked) && words.containsAll(other.marked);
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

    private static String number(String text) {
        return text.replace(',', '.');
    }
}
