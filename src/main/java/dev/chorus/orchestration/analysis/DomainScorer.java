package dev.chorus.orchestration.analysis;

import dev.chorus.provider.catalog.Domain;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evidence per domain: keyword cues from the instruction plus the shape of the text. Shape matters
 * because it is hard to fake: a stack trace or a code fence is code whatever the words around it
 * say, and an equation is math even when the question is one word long.
 */
final class DomainScorer {
    static final GatedPattern STACK_TRACE = GatedPattern.of(
            "(?m)^\\s{0,12}(?:at [\\w.$<>]{1,200}\\(|File \"[^\"\\n]{1,300}\", line \\d{1,6}"
                    + "|Traceback \\(most recent call last\\)|Caused by: |Exception in thread )",
            s -> (s.contains("at ") && s.indexOf('(') >= 0)
                    || GatedPattern.containsAny(s, "File \"", "Traceback (", "Caused by: ", "Exception in thread "));
    static final GatedPattern CODE_TOKENS = GatedPattern.of(
            "==|!=|=>|->|::|&&|\\|\\||\\+\\+|\\w\\(\\)|[{};]|</?[a-z]{1,10}>",
            GatedPattern.containing("=", "->", "::", "&&", "||", "++", "()", "{", "}", ";", "<"));
    static final GatedPattern FILE_NAME = GatedPattern.of(
            "(?<!\\.)\\.(?:py|js|ts|tsx|jsx|java|go|rs|cpp|hpp|cs|rb|php|kt|swift|sql|sh|ya?ml"
                    + "|json|toml|xml|html|css|env|log|ipynb|gradle|dockerfile)\\b",
            s -> followedBy(s, '.', DomainScorer::asciiLowerAt));
    static final GatedPattern IDENTIFIER = GatedPattern.of(
            "\\b[a-z]{2,}[A-Z][A-Za-z0-9]*\\b|\\b[a-z]{2,}_[a-z0-9_]{2,}\\b", DomainScorer::hasCaseOrSnakeJoint);
    static final GatedPattern LANGUAGE_NAMES = GatedPattern.of("(?i)c\\+\\+|c#|\\.net\\b|node\\.js",
            s -> s.contains("++") || s.indexOf('#') >= 0
                    || followedBy(s, '.', (t, i) -> t.regionMatches(true, i, "net", 0, 3) || t.regionMatches(true, i, "js", 0, 2)));
    static final GatedPattern SQL = GatedPattern.of(
            "\\b(?:SELECT|INSERT|UPDATE|DELETE)\\b[^;]{1,300}?\\b(?:FROM|INTO|SET|WHERE)\\b",
            GatedPattern.containing("SELECT", "INSERT", "UPDATE", "DELETE"));

    static final GatedPattern ARITHMETIC = GatedPattern.of("\\d\\s{0,3}[-+*/^×÷=<>]\\s{0,3}\\(?\\d",
            s -> GatedPattern.digitBefore(s, "-+*/^×÷=<>", 4));
    static final GatedPattern ALGEBRA = GatedPattern.of(
            "(?<![A-Za-z])\\d{0,4}[a-zA-Z]\\s{0,3}(?:\\^\\s{0,3}[\\dn]|[-+=]\\s{0,3}\\d)|\\b[a-z]\\^[\\dn]",
            s -> s.indexOf('^') >= 0 || GatedPattern.digitAfter(s, "-+=", 3));
    // A plain lookup, not a regex character class: java.util.regex tests a class of scattered
    // characters as a chain of predicates, and this scan runs over every character of every question.
    private static final String MATH_SYMBOLS = "∫∑∏√∂∞≤≥≠±π∈∀∃≡→ⁿ²³₀¹μ";
    static final GatedPattern LATEX = GatedPattern.of(
            "\\\\(?:frac|int|sum|lim|sqrt|alpha|beta|infty|cdot|le|ge|to|pi)\\b", GatedPattern.containing("\\"));
    static final GatedPattern MATRIX = GatedPattern.of("\\[\\s{0,3}\\[", GatedPattern.containing("["));
    static final GatedPattern PERCENT = GatedPattern.of("\\d\\s{0,2}%", GatedPattern.containing("%"));

    /** A question asking for an amount, as word problems end. */
    private static final Lexicon AMOUNT_QUESTION = new Lexicon(
            "how many", "how much", "how long", "how far", "how old", "what is the total", "in total", "altogether",
            "left", "remain*", "what percent*", "what fraction", "how fast", "сколько", "всего", "осталось",
            "останется", "какой процент", "какую часть", "за какое время", "какова скорость");

    /**
     * Amounts given in words, as word problems state ratios and fractions: "half as many", "twice",
     * "a third of what is left".
     */
    private static final Lexicon RELATIVE_AMOUNTS = new Lexicon(
            "half", "twice", "double", "triple", "a quarter", "a third", "a fifth", "fewer", "times as", "times more",
            "more than", "less than", "as many", "as much", "вдвое", "втрое", "половин*", "треть", "четверть",
            "в два раза", "в три раза", "на * больше", "на * меньше");

    /** Scripts other than Latin and Cyrillic inside an English or Russian message are usually text to translate. */
    private static final Set<Character.UnicodeScript> FOREIGN_SCRIPTS = Set.of(Character.UnicodeScript.HAN,
            Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA, Character.UnicodeScript.HANGUL,
            Character.UnicodeScript.ARABIC, Character.UnicodeScript.HEBREW, Character.UnicodeScript.DEVANAGARI,
            Character.UnicodeScript.GREEK, Character.UnicodeScript.THAI, Character.UnicodeScript.GEORGIAN,
            Character.UnicodeScript.ARMENIAN);

    private static final Set<String> TARGET_MARKERS = Set.of("to", "into", "in", "from", "на", "с", "со");
    private static final Lexicon LANGUAGE_WORDS = new Lexicon(
            "english", "spanish", "german", "french", "italian", "japanese", "chinese", "korean", "portuguese",
            "polish", "dutch", "czech", "hindi", "latin", "russian", "ukrainian", "turkish", "arabic",
            "английск*", "немецк*", "испанск*", "французск*", "итальянск*", "японск*", "китайск*", "корейск*",
            "польск*", "русск*", "украинск*", "турецк*", "латын*");

    Map<Domain, Double> score(Text text) {
        Map<Domain, Double> scores = new EnumMap<>(Domain.class);
        for (Domain domain : Domain.values()) {
            scores.put(domain, DomainCues.LEXICONS.get(domain).score(text.instruction));
        }
        scores.merge(Domain.CODE, codeShape(text), Double::sum);
        scores.merge(Domain.MATH, mathShape(text), Double::sum);
        scores.merge(Domain.TRANSLATION, translationShape(text), Double::sum);
        return scores;
    }

    private static double codeShape(Text text) {
        String raw = text.raw;
        double score = 0;
        int fence = raw.indexOf("```");
        if (fence >= 0 && raw.indexOf("```", fence + 3) >= 0) {
            score += 4;
        }
        if (STACK_TRACE.find(raw)) {
            score += 4;
        }
        int tokens = CODE_TOKENS.count(raw, 8);
        if (tokens >= 2) {
            score += 0.5 * tokens;
        }
        score += 2 * FILE_NAME.count(raw, 1);
        score += IDENTIFIER.count(raw, 2);
        score += 3 * LANGUAGE_NAMES.count(raw, 1);
        score += 3 * SQL.count(raw, 1);
        return score;
    }

    private static double mathShape(Text text) {
        String prose = text.prose;
        // a word problem: several quantities and a question about an amount
        int amounts = quantities(prose, 2) + Math.min(2, RELATIVE_AMOUNTS.count(text.instruction));
        double wordProblem = amounts >= 2 && AMOUNT_QUESTION.any(text.instruction) ? 3 : 0;
        return wordProblem + 1.5 * ARITHMETIC.count(prose, 4)
                + 2 * ALGEBRA.count(prose, 2)
                + 1.5 * countSymbols(prose, 4)
                + 3 * LATEX.count(prose, 1)
                + 2 * MATRIX.count(prose, 1)
                + PERCENT.count(prose, 1);
    }

    /**
     * Numbers that state an amount: digit runs, with a decimal part, not four-digit years (1900-2099)
     * and not parts of identifiers or versions like "gpt-4o" or "3.11.2".
     */
    static int quantities(String s, int cap) {
        int n = 0;
        int i = 0;
        while (i < s.length() && n < cap) {
            if (!GatedPattern.isAsciiDigit(s.charAt(i)) || (i > 0 && isWordJoined(s.charAt(i - 1)))) {
                i++;
                continue;
            }
            int start = i;
            int dots = 0;
            while (i < s.length() && (GatedPattern.isAsciiDigit(s.charAt(i)) || decimalPoint(s, i))) {
                dots += s.charAt(i) == '.' ? 1 : 0;
                i++;
            }
            boolean joined = i < s.length() && Character.isLetter(s.charAt(i)) && !unitAfter(s, i);
            boolean year = i - start == 4 && (s.startsWith("19", start) || s.startsWith("20", start));
            boolean version = dots > 1;
            if (!joined && !year && !version) {
                n++;
            }
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
        }
        return n;
    }

    private static boolean isWordJoined(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    private static boolean decimalPoint(String s, int i) {
        char c = s.charAt(i);
        return (c == '.' || c == ',') && i + 1 < s.length() && GatedPattern.isAsciiDigit(s.charAt(i + 1))
                && i > 0 && GatedPattern.isAsciiDigit(s.charAt(i - 1));
    }

    /** "5km", "3x", "10kg" are amounts; "4o" or "3d" in a name are not, but the difference is the unit's length. */
    private static boolean unitAfter(String s, int i) {
        int end = i;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        return end - i >= 2 && end - i <= 3;
    }

    private static int countSymbols(String text, int cap) {
        int n = 0;
        for (int i = 0; i < text.length() && n < cap; i++) {
            char c = text.charAt(i);
            if (c > 0x7f && MATH_SYMBOLS.indexOf(c) >= 0) {
                n++;
            }
        }
        return n;
    }

    private static double translationShape(Text text) {
        double score = 0;
        List<String> words = text.instruction;
        for (int i = 0; i + 1 < words.size(); i++) {
            if (TARGET_MARKERS.contains(words.get(i)) && LANGUAGE_WORDS.any(List.of(words.get(i + 1)))) {
                // "to Spanish", "на английский": a target language is named
                score += 2;
                break;
            }
        }
        if (LANGUAGE_WORDS.any(words)) {
            score += 1;
        }
        if (hasForeignScript(text.prose)) {
            score += 2;
        }
        return score;
    }

    /** Two foreign letters in a row: one alone is likelier a symbol (μ, π) than text to translate. */
    static boolean hasForeignScript(String s) {
        int run = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean foreign = Character.isLetter(cp) && FOREIGN_SCRIPTS.contains(Character.UnicodeScript.of(cp));
            run = foreign ? run + 1 : 0;
            if (run >= 2) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /** Whether some occurrence of {@code c} is followed by a position where {@code next} holds. */
    private static boolean followedBy(String s, char c, CharTest next) {
        for (int i = s.indexOf(c); i >= 0 && i + 1 < s.length(); i = s.indexOf(c, i + 1)) {
            if (next.test(s, i + 1)) {
                return true;
            }
        }
        return false;
    }

    private interface CharTest {
        boolean test(String s, int at);
    }

    private static boolean asciiLowerAt(String s, int i) {
        return GatedPattern.isAsciiLower(s.charAt(i));
    }

    /** A lower-case letter right before an upper-case one or an underscore: camelCase or snake_case. */
    private static boolean hasCaseOrSnakeJoint(String s) {
        for (int i = 0; i + 1 < s.length(); i++) {
            if (GatedPattern.isAsciiLower(s.charAt(i))) {
                char next = s.charAt(i + 1);
                if (GatedPattern.isAsciiUpper(next) || next == '_') {
                    return true;
                }
            }
        }
        return false;
    }
}
