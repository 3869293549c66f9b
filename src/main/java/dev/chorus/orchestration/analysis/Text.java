package dev.chorus.orchestration.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A question split the way the analyzer reads it: the raw text for structural patterns, the prose
 * outside code fences for language, and the words of the instruction for keyword cues.
 *
 * <p>When a short instruction introduces a long pasted passage ("summarize this:\n..."), only the
 * instruction says what the task is; the passage's own words (a pasted article about prime numbers)
 * would otherwise vote for the wrong domain.
 */
final class Text {
    /**
     * Quoted material is what the task operates on, not the request: in "translate 'how are you' to
     * Spanish" the greeting must not vote for small talk. An apostrophe inside a word is not a quote.
     */
    static final GatedPattern QUOTED = GatedPattern.of(
            "(?<![\\p{L}\\d])'[^'\\n]{1,400}'(?![\\p{L}\\d])|\"[^\"\\n]{1,400}\"|«[^»]{1,400}»|“[^”]{1,400}”",
            s -> s.indexOf('"') >= 0 || s.indexOf('«') >= 0 || s.indexOf('“') >= 0 || openingApostrophe(s));
    static final GatedPattern FENCED = GatedPattern.of("```[^`]{0,100000}?```|```[^`]{0,100000}$",
            GatedPattern.containing("```"));
    /**
     * A multiple-choice option label: "A.", "(B)", "c)" at a line start or after a space. The letters
     * are not words: the option "C. 12" must not vote for the C language.
     */
    private static final GatedPattern OPTION_LABEL = GatedPattern.of(
            "(?<![^\\s])\\(?([A-Ea-eА-Да-д])[.)](?=\\s)", s -> s.indexOf(')') >= 0 || s.indexOf('.') >= 0);
    private static final int PAYLOAD_MIN_WORDS = 40;
    private static final int HEAD_WORDS = 40;
    private static final int TAIL_WORDS = 20;

    final String raw;
    final String prose;
    final List<String> words;
    final List<String> instruction;
    /** The instruction as written, for punctuation-level features; the whole prose when there is no payload. */
    final String instructionText;
    /** Words of a pasted passage after the instruction; empty when there is none. */
    final int payloadWords;

    private Text(String raw, String prose, List<String> words, List<String> instruction, String instructionText,
                 int payloadWords) {
        this.raw = raw;
        this.prose = prose;
        this.words = words;
        this.instruction = instruction;
        this.instructionText = instructionText;
        this.payloadWords = payloadWords;
    }

    static Text of(String raw) {
        String prose = withoutOptionLabels(FENCED.gate().test(raw) ? FENCED.pattern().matcher(raw).replaceAll(" ") : raw);
        List<String> words = words(prose);
        int split = instructionEnd(prose);
        if (split > 0) {
            List<String> lead = words(unquoted(prose.substring(0, split)));
            int rest = words.size() - lead.size();
            if (!lead.isEmpty() && rest >= PAYLOAD_MIN_WORDS) {
                return new Text(raw, prose, words, lead, prose.substring(0, split), rest);
            }
        }
        List<String> request = words(unquoted(prose));
        if (request.isEmpty()) {
            // the whole message is a quotation; then its words are all there is to go by
            request = words;
        }
        if (request.size() > HEAD_WORDS + TAIL_WORDS) {
            // no visible instruction boundary: requests usually open or close a long message
            List<String> ends = new ArrayList<>(request.subList(0, HEAD_WORDS));
            ends.addAll(request.subList(request.size() - TAIL_WORDS, request.size()));
            return new Text(raw, prose, words, List.copyOf(ends), prose, words.size() - ends.size());
        }
        return new Text(raw, prose, words, request, prose, 0);
    }

    /** The prose with option labels blanked when it lists at least three options in order (A, B, C). */
    static String withoutOptionLabels(String prose) {
        if (!OPTION_LABEL.gate().test(prose)) {
            return prose;
        }
        Matcher label = OPTION_LABEL.pattern().matcher(prose);
        char expected = 0;
        int inOrder = 0;
        while (label.find() && inOrder < 3) {
            char letter = Character.toUpperCase(label.group(1).charAt(0));
            if (letter == 'A' || letter == 'А') {
                expected = letter;
                inOrder = 0;
            }
            if (letter == expected) {
                inOrder++;
                expected++;
            }
        }
        return inOrder >= 3 ? OPTION_LABEL.pattern().matcher(prose).replaceAll(" ") : prose;
    }

    private static String unquoted(String s) {
        return QUOTED.gate().test(s) ? QUOTED.pattern().matcher(s).replaceAll(" ") : s;
    }

    /** An apostrophe that is not inside a word ("don't"), so it may open a quotation. */
    private static boolean openingApostrophe(String s) {
        for (int i = s.indexOf('\''); i >= 0; i = s.indexOf('\'', i + 1)) {
            if (i == 0 || !(Character.isLetter(s.charAt(i - 1)) || GatedPattern.isAsciiDigit(s.charAt(i - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** Position of the first colon-plus-space or line break, where an instruction typically ends. */
    private static int instructionEnd(String prose) {
        for (int i = 0; i < prose.length() - 1; i++) {
            char c = prose.charAt(i);
            if (c == '\n' || (c == ':' && Character.isWhitespace(prose.charAt(i + 1)))) {
                return i;
            }
        }
        return -1;
    }

    /** Lower-cased runs of letters and digits; ё folded into е as Russian writers use them interchangeably. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                current.append(c == 'ё' || c == 'Ё' ? 'е' : Character.toLowerCase(c));
            } else if (!current.isEmpty()) {
                out.add(current.toString());
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) {
            out.add(current.toString());
        }
        return List.copyOf(out);
    }

    String lowerRaw() {
        return raw.toLowerCase(Locale.ROOT);
    }

    static int count(Pattern pattern, String s, int cap) {
        Matcher m = pattern.matcher(s);
        int n = 0;
        while (n < cap && m.find()) {
            n++;
        }
        return n;
    }
}
