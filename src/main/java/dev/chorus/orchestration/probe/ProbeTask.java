package dev.chorus.orchestration.probe;

import dev.chorus.provider.catalog.Domain;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One checkable task of the capability probe: a prompt, its domain, and how an answer is checked. */
public record ProbeTask(String id, Domain domain, String prompt, Check check) {
    public ProbeTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(check, "check");
    }

    public boolean passes(String answer) {
        return check.passes(answer == null ? "" : answer);
    }

    /** How an answer is checked. */
    public sealed interface Check {
        boolean passes(String answer);
    }

    /** The last number in the answer equals this one ("$1,250.00" reads as 1250). */
    public record Number(BigDecimal expected) implements Check {
        private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?");

        @Override
        public boolean passes(String answer) {
            Matcher m = NUMBER.matcher(answer);
            String last = null;
            while (m.find()) {
                last = m.group();
            }
            if (last == null) {
                return false;
            }
            try {
                return new BigDecimal(last.replace(",", "")).compareTo(expected) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    /**
     * The answer is one of these, ignoring case, surrounding quotes, code fences, a trailing full stop
     * and a lead-in such as "Output:"; the answer's last line counts too, for a model that explains first.
     */
    public record Exact(List<String> anyOf) implements Check {
        public Exact {
            anyOf = anyOf.stream().map(Exact::normal).toList();
        }

        @Override
        public boolean passes(String answer) {
            String whole = normal(answer);
            List<String> lines = answer.replace("```", "").lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            String last = lines.isEmpty() ? "" : normal(lines.getLast());
            int colon = last.lastIndexOf(": ");
            String afterColon = colon < 0 ? last : normal(last.substring(colon + 2));
            return anyOf.contains(whole) || anyOf.contains(last) || anyOf.contains(afterColon);
        }

        static String normal(String s) {
            String t = s.strip().replace("```", "").strip();
            boolean changed = true;
            while (changed && !t.isEmpty()) {
                changed = false;
                if (t.length() > 1 && "\"'`*".indexOf(t.charAt(0)) >= 0 && t.charAt(t.length() - 1) == t.charAt(0)) {
                    t = t.substring(1, t.length() - 1).strip();
                    changed = true;
                } else if (t.endsWith(".") && !t.endsWith("..")) {
                    t = t.substring(0, t.length() - 1).strip();
                    changed = true;
                }
            }
            return t.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        }
    }

    /** Every group has one of its terms in the answer, ignoring case: how a translation is checked. */
    public record Terms(List<List<String>> all) implements Check {
        public Terms {
            all = all.stream().map(g -> g.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList()).toList();
        }

        @Override
        public boolean passes(String answer) {
            String text = answer.toLowerCase(Locale.ROOT);
            return all.stream().allMatch(group -> group.stream().anyMatch(text::contains));
        }
    }
}
