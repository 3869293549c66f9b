package dev.chorus.orchestration.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data and secrets in text. Every quantifier is bounded and no pattern nests
 * repetition, so matching stays linear on hostile input. Thread-safe and stateless.
 *
 * <p>Deliberate non-findings: a bare 40- or 64-character hex string is taken for a git commit or a
 * checksum, which people paste into code questions all the time and which grant no access; the same
 * hex string right after a word like "key", "token" or "secret" is flagged. Numbers of 4 to 9 digits
 * (years, order numbers, prices) are never phones.
 */
public final class PrivateDataDetector {

    /** One occurrence, as a half-open span of the text, for callers that mask before sending out. */
    public record Finding(PrivateData kind, int start, int end) {
        public Finding {
            Objects.requireNonNull(kind, "kind");
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("bad span " + start + ".." + end);
            }
        }
    }

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+-])[\\w.%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,8}\\.[A-Za-z]{2,24}\\b");

    // +7 / 8 followed by ten digits in the usual Russian groupings, or any +country number with
    // 10 to 15 digits; a separator may sit between any two digits but the run must end on a digit
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+])(?:\\+\\d(?:[ ().-]{0,2}\\d){9,14}|8[ (-]{0,2}[3-9]\\d{2}[ )-]{0,2}\\d{3}[ -]?\\d{2}[ -]?\\d{2}"
                    + "|\\(\\d{3}\\) ?\\d{3}-\\d{4})(?![\\w])");

    private static final Pattern KNOWN_TOKEN = Pattern.compile(String.join("|",
            "\\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,200}",
            "\\bxai-[A-Za-z0-9]{20,200}",
            "\\bgh[pousr]_[A-Za-z0-9]{30,100}",
            "\\bgithub_pat_[A-Za-z0-9_]{30,200}",
            "\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b",
            "\\bAIza[0-9A-Za-z_-]{35}",
            "\\bxox[abprs]-[A-Za-z0-9-]{10,200}",
            "\\beyJ[A-Za-z0-9_-]{5,2000}\\.eyJ[A-Za-z0-9_-]{5,4000}\\.[A-Za-z0-9_-]{5,2000}",
            "(?<!\\d)\\d{8,10}:[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])",
            "(?i:\\bbearer)\\s{1,4}[A-Za-z0-9._~+/=-]{16,2000}",
            "(?iu:(?<![\\p{L}\\d_])(?:password|passwd|pwd|пароль)\\s{0,3}[:=]\\s{0,3})\\S{6,200}"));

    // possessive: a run is taken whole or not at all, so a 50k-character run costs one pass, not one per start
    private static final Pattern LONG_TOKEN = Pattern.compile("(?<![A-Za-z0-9_+=-])[A-Za-z0-9_+=-]{32,}+");
    private static final int LONGEST_TOKEN = 512;

    private static final Pattern SECRET_WORD = Pattern.compile(
            "(?iu)(?:key|token|secret|password|apikey|api_key|ключ|токен|секрет|пароль)[\\s\"':=]{0,10}$");

    private static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])");

    private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b");

    /** The kinds present in {@code text}, each once, in declaration order. */
    public List<PrivateData> detect(String text) {
        Set<PrivateData> kinds = EnumSet.noneOf(PrivateData.class);
        for (Finding finding : find(text)) {
            kinds.add(finding.kind());
        }
        return List.copyOf(kinds);
    }

    /** Every occurrence, ordered by position; overlapping findings of different kinds are all kept. */
    public List<Finding> find(String text) {
        List<Finding> found = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return found;
        }
        if (text.indexOf('@') >= 0) {
            // the pattern cannot anchor on '@' itself, so skip the scan when no '@' exists at all
            collect(EMAIL, text, PrivateData.EMAIL, found);
        }
        collect(PHONE, text, PrivateData.PHONE, found);
        if (mayHoldKnownToken(text)) {
            collect(KNOWN_TOKEN, text, PrivateData.API_KEY_OR_TOKEN, found);
        }
        Matcher token = LONG_TOKEN.matcher(text);
        while (token.find()) {
            if (token.end() - token.start() <= LONGEST_TOKEN
                    && looksSecret(token.group(), text.substring(Math.max(0, token.start() - 40), token.start()))) {
                found.add(new Finding(PrivateData.API_KEY_OR_TOKEN, token.start(), token.end()));
            }
        }
        Matcher card = CARD.matcher(text);
        while (card.find()) {
            String digits = card.group().replaceAll("[ -]", "");
            if (digits.length() >= 13 && luhnValid(digits)) {
                found.add(new Finding(PrivateData.CARD_NUMBER, card.start(), card.end()));
            }
        }
        Matcher iban = IBAN.matcher(text);
        while (iban.find()) {
            if (ibanValid(iban.group().replace(" ", ""))) {
                found.add(new Finding(PrivateData.IBAN, iban.start(), iban.end()));
            }
        }
        found.sort(Comparator.comparingInt(Finding::start));
        return found;
    }

    // Every known token shape contains one of these marks, or a digit right before a ':' (a Telegram
    // bot token). One pass looking for them is far cheaper than the eleven-way alternation at every
    // position, and most questions hold none.
    private static final List<String> TOKEN_MARKS = List.of("sk-", "xai-", "gh", "github_pat_", "akia", "asia", "aiza", "xox", "eyj",
            "bearer", "pass", "pwd", "пароль");

    static boolean mayHoldKnownToken(String text) {
        for (int colon = text.indexOf(':'); colon > 0; colon = text.indexOf(':', colon + 1)) {
            if (Character.isDigit(text.charAt(colon - 1))) {
                return true;
            }
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (String mark : TOKEN_MARKS) {
            if (lower.contains(mark)) {
                return true;
            }
        }
        return false;
    }

    private static void collect(Pattern pattern, String text, PrivateData kind, List<Finding> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(new Finding(kind, m.start(), m.end()));
        }
    }

    /**
     * A long unbroken run is a secret when it is labelled as one, or when it mixes upper case, lower
     * case and digits with high entropy (random base64). Hex-only runs need the label: unlabelled
     * they are almost always hashes. Words joined by underscores or dashes have low entropy per
     * character class mix and are left alone.
     */
    static boolean looksSecret(String run, String before) {
        if (SECRET_WORD.matcher(before).find()) {
            return true;
        }
        if (run.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return false;
        }
        boolean upper = run.chars().anyMatch(Character::isUpperCase);
        boolean lower = run.chars().anyMatch(Character::isLowerCase);
        long digits = run.chars().filter(Character::isDigit).count();
        return upper && lower && digits >= 2 && entropyPerChar(run) >= 4.0;
    }

    static double entropyPerChar(String s) {
        int[] counts = new int[128];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
                n++;
            }
        }
        double bits = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / n;
                bits -= p * Math.log(p) / Math.log(2);
            }
        }
        return bits;
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        // all zeros passes Luhn but is a placeholder, not a card
        return sum % 10 == 0 && digits.chars().anyMatch(c -> c != '0');
    }

    static boolean ibanValid(String iban) {
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            int value = Character.digit(rearranged.charAt(i), 36);
            if (value < 0) {
                return false;
            }
            remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97;
        }
        return remainder == 1;
    }
}
