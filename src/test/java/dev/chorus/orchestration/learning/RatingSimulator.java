package dev.chorus.orchestration.learning;

import dev.chorus.orchestration.analysis.DeterministicAnalyzer;
import dev.chorus.orchestration.analysis.TaskProfile;
import dev.chorus.provider.ModelPrice;
import dev.chorus.provider.catalog.Domain;
import dev.chorus.provider.catalog.LatencyClass;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.catalog.WireProtocol;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A world with a hidden truth: kinds of question, each with a true chance per model that its answer
 * is good, and people who rate what they get (👍 with that chance, else 👎). The kinds are written so
 * that the analyzer's prior is wrong about some of them (long, demanding-sounding requests a small
 * model handles; short riddles it fails), which is what learning must fix.
 */
final class RatingSimulator {
    static final ModelSpec WEAK = model("weak-mini", "0.15", "0.60", 0.72);
    static final ModelSpec STRONG = model("strong-max", "2.50", "10.00", 0.93);
    static final List<ModelSpec> MODELS = List.of(WEAK, STRONG);

    /** A kind of question: how to write one, and the truth about each model on it. */
    record Kind(String name, double weak, double strong, Template template) {
        double truth(ModelSpec model) {
            return model.equals(WEAK) ? weak : strong;
        }
    }

    @FunctionalInterface
    interface Template {
        String write(Random r);
    }

    record Question(Kind kind, String text, TaskProfile profile) {
    }

    static final List<Kind> KINDS = List.of(
            new Kind("verse", 0.88, 0.92, r -> "Write a " + pick(r, "short", "gentle", "funny", "warm") + " "
                    + pick(r, "poem", "limerick", "haiku", "rhyme") + " about " + pick(r, "autumn rain", "my cat",
                    "the sea at night", "a lost umbrella", "Monday mornings", "old friends", "city lights")
                    + ", in the style of " + pick(r, "a lullaby", "a sonnet", "a nursery rhyme") + ", keeping every line "
                    + "under ten words and ending each stanza with a question."),
            new Kind("riddle", 0.22, 0.86, r -> "If every " + pick(r, "blip", "zorp", "quax", "miro") + " is a "
                    + pick(r, "tala", "fen", "rook", "vask") + " and no " + pick(r, "tala", "fen", "rook", "vask")
                    + " can " + pick(r, "sing", "swim", "fly", "count") + ", can some " + pick(r, "blip", "zorp", "quax")
                    + " " + pick(r, "sing", "swim", "fly") + "?"),
            new Kind("email", 0.84, 0.88, r -> "Draft a polite email to " + pick(r, "our landlord", "a supplier",
                    "the school", "my manager", "a client") + " about " + pick(r, "a late invoice", "a broken heater",
                    "moving the meeting", "a refund", "the holiday schedule") + ". Keep it under 150 words, mention "
                    + "the date " + (1 + r.nextInt(28)) + " March, thank them, and propose two options without "
                    + "sounding pushy, and end with a clear next step."),
            new Kind("algebra", 0.30, 0.82, r -> "Statement 1 | Every group of order " + (2 + r.nextInt(60))
                    + " is " + pick(r, "cyclic", "abelian", "simple", "solvable") + ". Statement 2 | Every subgroup of "
                    + pick(r, "an abelian", "a cyclic", "a finite") + " group is normal. Options: A) True, True "
                    + "B) False, False C) True, False D) False, True"),
            new Kind("trivia", 0.86, 0.93, r -> "What is the capital of " + pick(r, "France", "Peru", "Kenya",
                    "Canada", "Japan", "Norway", "Chile", "Egypt", "Poland", "Vietnam") + "?"),
            new Kind("steps", 0.38, 0.90, r -> {
                int a = 3 + r.nextInt(20);
                int b = 2 + r.nextInt(9);
                int c = 1 + r.nextInt(5);
                return pick(r, "Maria", "Tom", "Aisha", "Ken") + " buys " + a + " " + pick(r, "apples", "pens",
                        "tickets") + " at $" + b + " each, returns " + c + " of them, then spends a third of what is "
                        + "left of $" + (a * b + 30) + " on lunch. How much money does she have now?";
            }),
            new Kind("translate", 0.85, 0.9, r -> "Translate to " + pick(r, "Spanish", "German", "French") + ": '"
                    + pick(r, "Where is the train station?", "I would like a coffee, please.", "The meeting is "
                    + "tomorrow at noon.", "Thank you for your help.") + "'"),
            new Kind("bugfix", 0.40, 0.88, r -> "Why does this " + pick(r, "Java", "Python") + " loop never end?"
                    + "\n```\nint i = " + r.nextInt(10) + ";\nwhile (i != " + (11 + r.nextInt(9)) + ") {\n    i += 2;\n}\n```"));

    /**
     * Word problems whose only difference that matters is how many steps they take (how many amounts
     * they give): the cheap model's chance falls with each step. Names, objects and numbers are noise,
     * as in a set of grade-school problems: little in the words to learn from, so learning must not
     * make the prior's ranking worse.
     */
    static final List<Kind> WORD_PROBLEMS = wordProblems();

    private static List<Kind> wordProblems() {
        List<Kind> kinds = new ArrayList<>();
        String[] names = {"Maria", "Tom", "Aisha", "Ken", "Lena", "Omar", "Ivy", "Raj", "Zoe", "Pablo"};
        String[] things = {"apples", "pens", "tickets", "stickers", "books", "cookies", "marbles", "cards"};
        String[] verbs = {"buys", "finds", "gets", "wins", "receives", "collects"};
        for (int steps = 2; steps <= 7; steps++) {
            int k = steps;
            kinds.add(new Kind("steps-" + steps, 0.95 - 0.11 * (steps - 2), 0.95, r -> {
                StringBuilder text = new StringBuilder(names[r.nextInt(names.length)] + " has " + (2 + r.nextInt(40))
                        + " " + things[r.nextInt(things.length)] + ".");
                for (int i = 1; i < k; i++) {
                    text.append(" Then ").append(i % 2 == 0 ? "gives away " : verbs[r.nextInt(verbs.length)] + " ")
                            .append(1 + r.nextInt(12)).append(i % 3 == 0 ? " times as many" : " more").append('.');
                }
                return text.append(" How many does ").append(names[r.nextInt(names.length)].charAt(0) > 'L' ? "he" : "she")
                        .append(" have now?").toString();
            }));
        }
        return kinds;
    }

    private final DeterministicAnalyzer analyzer = new DeterministicAnalyzer();
    private final Random random;
    private final List<Kind> kinds;

    RatingSimulator(long seed) {
        this(seed, KINDS);
    }

    RatingSimulator(long seed, List<Kind> kinds) {
        this.random = new Random(seed);
        this.kinds = List.copyOf(kinds);
    }

    Question question() {
        Kind kind = kinds.get(random.nextInt(kinds.size()));
        String text = kind.template().write(random);
        return new Question(kind, text, analyzer.analyze(text, List.of()));
    }

    List<Question> questions(int n) {
        List<Question> questions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            questions.add(question());
        }
        return questions;
    }

    /** A person's rating of {@code model}'s answer: 5 with the true chance that it is good, else 1. */
    int rate(Question q, ModelSpec model) {
        return random.nextDouble() < q.kind().truth(model) ? 5 : 1;
    }

    TaskProfile profile(String text) {
        return analyzer.analyze(text, List.of());
    }

    /**
     * APGR of a need score over {@code questions} (higher need: send to the strong model first): the
     * mean, over every number of questions sent to the strong model, of the share of the weak→strong
     * quality gap recovered, with the true expected qualities. 0.5 is a random order.
     */
    static double apgr(List<Question> questions, double[] need) {
        Integer[] order = new Integer[questions.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(need[y], need[x]));
        double weakAll = 0;
        double strongAll = 0;
        for (Question q : questions) {
            weakAll += q.kind().weak();
            strongAll += q.kind().strong();
        }
        double quality = weakAll;
        double area = 0;
        for (int k = 1; k <= order.length; k++) {
            Question q = questions.get(order[k - 1]);
            quality += q.kind().strong() - q.kind().weak();
            area += (quality - weakAll) / (strongAll - weakAll);
        }
        return area / order.length;
    }

    /** An in-memory rating log, applied by {@link LearnedQuality} like the store's. */
    static final class Log implements RatingEvents {
        final List<RatingEvent> events = new ArrayList<>();
        private Instant clock = Instant.parse("2026-06-01T00:00:00Z");

        RatingEvent add(String model, String question, int score) {
            clock = clock.plusSeconds(60);
            RatingEvent e = new RatingEvent(events.size() + 1, clock, List.of(model), question, score, -1, null);
            events.add(e);
            return e;
        }

        @Override
        public List<RatingEvent> after(long afterId, int limit) {
            int from = (int) Math.min(afterId, events.size());
            return List.copyOf(events.subList(from, Math.min(events.size(), from + limit)));
        }
    }

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }

    private static ModelSpec model(String id, String in, String out, double capability) {
        Map<Domain, Double> caps = new EnumMap<>(Domain.class);
        for (Domain d : Domain.values()) {
            caps.put(d, capability);
        }
        return new ModelSpec(id, "test", WireProtocol.OPENAI_CHAT, id, 128_000, 8_000,
                new ModelPrice(new BigDecimal(in), null, new BigDecimal(out), null), caps, LatencyClass.MEDIUM, false);
    }
}
