package dev.chorus.orchestration.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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

    // the pattern cannot anchor on '@' itself, so the scan is skipped when no '@' exists at all
    static final GatedPattern EMAIL = GatedPattern.of(
            "(?<![\\w.+-])[\\w.%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,8}\\.[A-Za-z]{2,24}\\b",
            GatedPattern.containing("@"));

    // +7 / 8 followed by ten digits in the usual Russian groupings, or any +country number with
    // 10 to 15 digits; a separator may sit between any two digits but the run must end on a digit
    // every shape holds at least ten digits
    static final GatedPattern PHONE = GatedPattern.of(
            "(?<![\\w+])(?:\\+\\d(?:[ ().-]{0,2}\\d){9,14}|8[ (-]{0,2}[3-9]\\d{2}[ )-]{0,2}\\d{3}[ -]?\\d{2}[ -]?\\d{2}"
                    + "|\\(\\d{3}\\) ?\\d{3}-\\d{4})(?![\\w])",
            s -> GatedPattern.asciiDigits(s) >= 10);

    /**
     * Each provider's key shape on its own, behind the mark it cannot be without (the shapes are case
     * sensitive but for the two labels): one alternation of all eleven, tried at every position of every
     * question, cost more than the rest of the analysis.
     */
    static final List<GatedPattern> KNOWN_TOKENS = List.of(
            GatedPattern.of("\\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,200}", GatedPattern.containing("sk-")),
            GatedPattern.of("\\bxai-[A-Za-z0-9]{20,200}", GatedPattern.containing("xai-")),
            GatedPattern.of("\\bgh[pousr]_[A-Za-z0-9]{30,100}",
                    GatedPattern.containing("ghp_", "gho_", "ghu_", "ghs_", "ghr_")),
            GatedPattern.of("\\bgithub_pat_[A-Za-z0-9_]{30,200}", GatedPattern.containing("github_pat_")),
            GatedPattern.of("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b", GatedPattern.containing("AKIA", "ASIA")),
            GatedPattern.of("\\bAIza[0-9A-Za-z_-]{35}", GatedPattern.containing("AIza")),
            GatedPattern.of("\\bxox[abprs]-[A-Za-z0-9-]{10,200}", GatedPattern.containing("xox")),
            GatedPattern.of("\\beyJ[A-Za-z0-9_-]{5,2000}\\.eyJ[A-Za-z0-9_-]{5,4000}\\.[A-Za-z0-9_-]{5,2000}",
                    GatedPattern.containing("eyJ")),
            // a Telegram bot token: its numeric id, a colon, 35 characters
            GatedPattern.of("(?<!\\d)\\d{8,10}:[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])",
                    PrivateDataDetector::digitsBeforeColon),
            GatedPattern.of("(?i:\\bbearer)\\s{1,4}[A-Za-z0-9._~+/=-]{16,2000}",
                    s -> GatedPattern.containsIgnoreCase(s, "bearer")),
            GatedPattern.of("(?iu:(?<![\\p{L}\\d_])(?:password|passwd|pwd|пароль)\\s{0,3}[:=]\\s{0,3})\\S{6,200}",
                    s -> (s.indexOf(':') >= 0 || s.indexOf('=') >= 0) && (GatedPattern.containsIgnoreCase(s, "passw")
                            || GatedPattern.containsIgnoreCase(s, "pwd") || GatedPattern.containsIgnoreCase(s, "пароль"))));

    /** A token is a maximal run of these characters at least this long. */
    private static final int SHORTEST_TOKEN = 32;
    private static final int LONGEST_TOKEN = 512;

    private static final Pattern SECRET_WORD = Pattern.compile(
            "(?iu)(?:key|token|secret|password|apikey|api_key|ключ|токен|секрет|пароль)[\\s\"':=]{0,10}$");

    static final GatedPattern CARD = GatedPattern.of("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])",
            s -> GatedPattern.asciiDigits(s) >= 13);

    static final GatedPattern IBAN = GatedPattern.of(
            "\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b", PrivateDataDetector::hasCountryAndCheckDigits);

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
        EMAIL.forEachMatch(text, m -> found.add(new Finding(PrivateData.EMAIL, m.start(), m.end())));
        PHONE.forEachMatch(text, m -> found.add(new Finding(PrivateData.PHONE, m.start(), m.end())));
        for (GatedPattern token : KNOWN_TOKENS) {
            token.forEachMatch(text, m -> found.add(new Finding(PrivateData.API_KEY_OR_TOKEN, m.start(), m.end())));
        }
        longTokens(text, found);
        CARD.forEachMatch(text, m -> {
            String digits = m.group().replaceAll("[ -]", "");
            if (digits.length() >= 13 && luhnValid(digits)) {
                found.add(new Finding(PrivateData.CARD_NUMBER, m.start(), m.end()));
            }
        });
        IBAN.forEachMatch(text, m -> {
            if (ibanValid(m.group().replace(" ", ""))) {
                found.add(new Finding(PrivateData.IBAN, m.start(), m.end()));
            }
        });
        found.sort(Comparator.comparingInt(Finding::start));
        return found;
    }

    /** Whether any key shape's mark is present, i.e. whether the key patterns run at all. */
    static boolean mayHoldKnownToken(String text) {
        for (GatedPattern token : KNOWN_TOKENS) {
            if (token.gate().test(text)) {
                return true;
            }
        }
        return false;
    }

    /** A colon right after eight digits. */
    private static boolean digitsBeforeColon(String s) {
        for (int colon = s.indexOf(':', 8); colon >= 0; colon = s.indexOf(':', colon + 1)) {
            boolean digits = true;
            for (int i = colon - 8; i < colon && digits; i++) {
                digits = GatedPattern.isAsciiDigit(s.charAt(i));
            }
            if (digits) {
                return true;
            }
        }
        return false;
    }

    /**
     * Unbroken runs of token characters at least {@link #SHORTEST_TOKEN} long that look like secrets.
     * A hand scan, not a regex: each run is visited once however long it is, and prose has none.
     */
    static void longTokens(String text, List<Finding> found) {
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean tokenChar = i < text.length() && isTokenChar(text.charAt(i));
            if (tokenChar && start < 0) {
                start = i;
            } else if (!tokenChar && start >= 0) {
                int length = i - start;
                if (length >= SHORTEST_TOKEN && length <= LONGEST_TOKEN
                        && looksSecret(text.substring(start, i), text.substring(Math.max(0, start - 40), start))) {
                    found.add(new Finding(PrivateData.API_KEY_OR_TOKEN, start, i));
                }
                start = -1;
            }
        }
    }

    private static boolean isTokenChar(char c) {
        return GatedPattern.isAsciiLower(c) || GatedPattern.isAsciiUpper(c) || GatedPattern.isAsciiDigit(c)
                || c == '_' || c == '+' || c == '=' || c == '-';
    }

    /** Two capital letters and two digits in a row: how every IBAN starts. */
    private static boolean hasCountryAndCheckDigits(String s) {
        for (int i = 0; i + 3 < s.length(); i++) {
            if (GatedPattern.isAsciiUpper(s.charAt(i)) && GatedPattern.isAsciiUpper(s.charAt(i + 1))
                    && GatedPattern.isAsciiDigit(s.charAt(i + 2)) && GatedPattern.isAsciiDigit(s.charAt(i + 3))) {
                return true;
            }
        }
        return false;
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
