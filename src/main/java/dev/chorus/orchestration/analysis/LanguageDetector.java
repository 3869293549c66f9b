package dev.chorus.orchestration.analysis;

import java.util.List;
import java.util.Set;

/**
 * The language the user writes in, by the script of its words: Cyrillic is Russian (Ukrainian when its own letters
 * appear), Latin is English when English function words confirm it. The instruction before a colon
 * or line break decides when it is clearly in one script, so "Переведи: How are you?" is Russian and
 * "translate to English: Ich habe keine Ahnung" is English: the answer should come in the user's
 * language, not the quoted one.
 */
final class LanguageDetector {
    private static final int MIN_LETTERS = 2;
    // "sql: как выбрать..." — a lead this short is a label, not the instruction
    private static final int MIN_LEAD_LETTERS = 6;
    private static final double DOMINANT = 0.8;
    /** Formula notation reads as Latin letters but says nothing about the language around it. */
    private static final Set<String> NOTATION = Set.of("sin", "cos", "tan", "tg", "ctg", "log", "ln", "lim", "exp",
            "max", "min", "dx", "dy", "dt", "mod", "det");
    /**
     * Frequent English words that are not also frequent in other Latin-script languages ("in", "no",
     * "me", "was" and "will" are left out for German, Spanish and French).
     */
    private static final Set<String> ENGLISH_WORDS = Set.of("the", "is", "are", "to", "of", "and", "for", "what",
            "how", "why", "who", "when", "where", "you", "my", "it", "this", "that", "these", "those", "do", "does",
            "can", "with", "into", "from", "at", "by", "if", "or", "but", "we", "they", "he", "she", "his", "her",
            "them", "our", "there", "here", "which", "would", "could", "should", "been", "has", "had", "than",
            "then", "more", "very", "just", "like", "get", "got", "know", "want", "need", "feel", "feeling", "today",
            "work", "really", "kinda", "gonna", "wanna", "some", "out", "up", "down", "please", "pls", "hi", "hey",
            "thanks", "ok", "lol", "good", "write", "translate", "summarize", "explain", "make", "give", "tell",
            "have", "not", "yes", "whats", "im", "dont", "your", "about", "help", "turn", "fix");

    String detect(String prose) {
        int lead = leadEnd(prose);
        if (lead > 0) {
            String fromLead = byScript(prose.substring(0, lead), true);
            if (fromLead != null) {
                return fromLead;
            }
        }
        String whole = byScript(prose, false);
        return whole == null ? TaskProfile.UNDETERMINED : whole;
    }

    /**
     * The language a script share points to; null when the words are too few or too mixed to tell.
     * Words, not letters, are counted: one pasted identifier ("NullPointerException") has as many
     * letters as a short Russian sentence around it, but the sentence is what the user speaks.
     */
    private static String byScript(String s, boolean requireDominance) {
        int cyrillic = 0;
        int latin = 0;
        int other = 0;
        int letters = 0;
        boolean ukrainian = false;
        for (String word : languageWords(s)) {
            Character.UnicodeScript script = null;
            for (int i = 0; i < word.length() && script == null; ) {
                int cp = word.codePointAt(i);
                i += Character.charCount(cp);
                if (Character.isLetter(cp)) {
                    script = Character.UnicodeScript.of(cp);
                }
            }
            if (script == null) {
                continue;
            }
            letters += word.length();
            if (script == Character.UnicodeScript.CYRILLIC) {
                cyrillic++;
                ukrainian |= word.chars().anyMatch(c -> "іїєґ".indexOf(c) >= 0);
            } else if (script == Character.UnicodeScript.LATIN) {
                latin++;
            } else {
                other++;
            }
        }
        int total = cyrillic + latin + other;
        if (letters < (requireDominance ? MIN_LEAD_LETTERS : MIN_LETTERS)) {
            return null;
        }
        double threshold = requireDominance ? DOMINANT : 0.5;
        if (cyrillic >= threshold * total) {
            return ukrainian ? "uk" : "ru";
        }
        if (latin >= threshold * total) {
            return looksEnglish(s) ? "en" : requireDominance ? null : TaskProfile.UNDETERMINED;
        }
        return requireDominance ? null : TaskProfile.UNDETERMINED;
    }

    /** Words of two letters or more that are not notation: "3x", "x" and "sin" belong to formulas. */
    private static List<String> languageWords(String s) {
        return Text.words(s).stream()
                .filter(w -> w.codePoints().filter(Character::isLetter).count() >= 2 && !NOTATION.contains(w))
                .toList();
    }

    /** Short Latin text ("ok", "carpe diem") passes; longer text needs an English function word. */
    private static boolean looksEnglish(String s) {
        List<String> words = languageWords(s);
        return words.size() < 4 || words.stream().anyMatch(ENGLISH_WORDS::contains);
    }

    private static int leadEnd(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == ':') {
                return i;
            }
        }
        return -1;
    }
}
