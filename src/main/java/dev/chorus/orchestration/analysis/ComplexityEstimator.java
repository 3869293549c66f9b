package dev.chorus.orchestration.analysis;

import dev.chorus.provider.catalog.Domain;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How likely a cheap model is to fail a question, from 0 to 1. The estimate starts from what is
 * typical for the domain and adds what makes any task harder for a small model: specialised depth,
 * demands for rigour, explicit constraints, many requirements at once, several steps, a long output
 * or a long input, and stakes where a plausible-but-wrong answer does harm. Mechanical edits and
 * small talk pull it down. Each term is capped so no single signal decides the band alone, except
 * the combination of rigour and depth, which is what a hard proof or a hard design question is.
 */
final class ComplexityEstimator {
    private static final Lexicon DEPTH = new Lexicon(
            "concurren*", "lock free", "memory order*", "atomic*", "distributed", "consensus", "raft", "paxos",
            "partition", "compiler*", "jit", "interpreter", "bytecode", "parser", "garbage collector", "kernel",
            "cryptograph*", "thread safe", "race", "deadlock", "scheduler", "measure", "lebesgue", "topolog*",
            "homeomorph*", "group of order", "abelian", "uniformly", "pell", "integer solutions", "infinitely many",
            "quantum", "relativistic", "immune", "tolerance", "molecular", "game theory", "decision tree",
            "iambic", "meter", "villanelle", "sonnet", "subtext", "legal*", "law", "contract*",
            "indemnif*", "arbitration", "medical", "regulatory", "historians", "epistemolog*", "kant",
            "распределенн*", "многопоточ*", "конкурентн*", "компилятор*", "сборщик мусора", "криптограф*",
            "мера", "мерой", "меры", "равномерно", "групп* порядка", "циклическ*", "квантов*", "молекулярн*", "резистентност*",
            "ямб", "размер*", "юридическ*", "закон*", "договор*", "гк", "оферт*", "интегрируем*", "почти всюду");
    private static final Lexicon RIGOUR = new Lexicon(
            "prove", "proof", "show that", "derive", "justify", "rigorous*", "formal proof", "decision tree",
            "докаж*", "доказ*", "обоснуй", "строго", "выведи");
    private static final Lexicon CONSTRAINTS = new Lexicon(
            "without", "must", "strict*", "at most", "no more than", "under", "keep*", "preserv*", "consistent*",
            "exactly", "only through", "every sentence", "each ending", "no explicit", "intact", "not literal*",
            "не используя", "без", "строго", "не более", "не больше", "сохранив*", "сохраняя", "с сохранением", "соблюдая",
            "каждая строка", "не противоречит", "в стиле", "in the style of", "with error recovery", "and tests");
    private static final Lexicon HARD_WORDS = new Lexicon(
            "hard", "difficult", "tricky", "complex", "in detail", "in depth", "detailed", "thorough*", "nuanc*",
            "tradeoff*", "trade offs", "analyze", "analyse", "evaluate", "debate", "disagree", "second order",
            "consequences", "mechanism", "explain why", "why can", "when does it break",
            "подробно", "детально", "сложн*", "глубок*", "проанализируй", "последстви*", "механизм*", "объясни почему");
    private static final Lexicon MECHANICAL = new Lexicon(
            "only", "don t change", "do not change", "fix typos", "fix grammar", "proofread", "ничего не меняй",
            "больше ничего", "только", "исправь ошибки", "расставь");
    private static final Lexicon EASY_WORDS = new Lexicon(
            "simple", "quick", "quickly", "briefly", "short", "быстро", "коротко", "простой", "простую");
    /** Standard but non-trivial methods: routine for a strong model, where small ones slip. */
    private static final Lexicon TECHNIQUE = new Lexicon(
            "integral*", "eigen*", "diagonaliz*", "limit", "lim", "converge*", "series", "rank", "kernel",
            "system", "expected number", "expected value", "how many ways", "divisib*", "modulo", "recurrence",
            "интеграл*", "собственн* значени*", "предел*", "ряд", "сходимост*", "ранг", "базис*", "ядр*", "систем*",
            "делится", "рекуррент*", "матожидани*");
    /**
     * Verbs that each name a separate piece of work. A request that asks to translate and also explain,
     * or summarize and also rate, is several tasks in one message.
     */
    private static final Lexicon TASK_VERBS = new Lexicon(
            "explain", "flag", "rate", "list", "compare", "recommend", "estimate", "point out", "highlight",
            "identify", "write", "translate", "summarize", "analyze", "design", "implement", "plan", "prove",
            "show", "compute", "find", "tell", "describe", "propose", "evaluate", "extract", "offer", "give",
            "introduce", "plant", "end", "consider", "cite", "include*",
            "объясни", "отметь", "оцени", "перечисли", "сравни", "выдели", "покажи", "предложи", "составь",
            "напиши", "переведи", "докажи", "найди", "опиши", "подбери", "потребуй*", "сослаться", "скажи");
    private static final Lexicon EXPLANATION = new Lexicon(
            "explain", "why", "how does", "how do", "mechanism", "causes", "объясни", "почему", "как работает",
            "механизм*", "причины", "чем отличается");
    /** Rewriting for a different reader needs judgement about what to keep. */
    private static final Lexicon AUDIENCE = new Lexicon(
            "for a * year old", "for kids", "for a child", "for non *", "plain english", "no jargon",
            "without jargon", "for the board", "for the ceo", "для руководства", "без терминов", "простыми словами",
            "для совета директоров", "для ребенка", "для детей");
    private static final Lexicon SENSITIVE = new Lexicon(
            "died", "death", "crying", "anxious", "anxiety", "depressed", "doubt myself", "nobody", "grief",
            "расставани*", "умер*", "тяжело", "депресс*", "тревог*");
    private static final Lexicon FIGURATIVE = new Lexicon(
            "pun", "wordplay", "idiom*", "rhyme*", "poem*", "meter", "double meaning", "каламбур*", "игр* слов",
            "идиом*", "рифм*", "стих*", "скороговорк*", "размер*");
    /**
     * Asking for every solution, a count over a set, or an extremum. Evaluating an expression is one
     * path; these need an exhaustive argument, and small models tend to stop at the first candidate.
     */
    private static final Lexicon SEARCH = new Lexicon(
            "find all", "all integers", "all real numbers", "all real values", "all pairs", "all solutions",
            "ordered pairs", "ordered triples", "number of ordered", "how many positive", "how many integers",
            "how many distinct", "how many different", "smallest positive", "largest possible", "smallest possible",
            "greatest possible", "least possible", "maximum value", "minimum value", "maximum possible",
            "minimum possible", "sum of all", "product of all", "remainder when", "common fraction",
            "simplest radical form", "in terms of pi", "perfect square", "closed form", "probability that",
            "найдите все", "наименьшее натуральное", "наибольшее натуральное", "наименьшее целое",
            "наибольшее целое", "наименьшее число", "наибольшее число", "наименьшее возможное",
            "наибольшее возможное", "значения параметра", "при каждом из которых", "наибольшее значение",
            "наименьшее значение", "сколько существует", "сколько различных", "остаток от деления", "все решения",
            "все пары");
    /**
     * Terms of university and professional subjects (algebra, physics, chemistry, biology, medicine,
     * law, econometrics, theory of computation). A question that needs one of them asks for
     * specialist knowledge applied correctly, where small models are least reliable; everyday words
     * that these fields also use ("energy", "cell", "court") are left out.
     */
    private static final Lexicon SPECIALIST = new Lexicon(
            "field extension", "commutative ring", "ring with unity", "maximal ideal", "prime ideal",
            "order of the element", "homomorph*", "isomorph*", "subgroup*", "ideal of", "integral domain",
            "polynomial*", "orthocenter", "circumcircle", "incircle", "circumradius", "inradius",
            "arithmetic sequence", "geometric sequence", "logarithm*", "complex number", "modulo", "congruen*",
            "ionization", "orbital*", "electronegativ*", "eigenstate*", "wavefunction", "wave function",
            "hamiltonian", "potential well", "photon*", "entropy", "enthalpy", "thermodynamic*", "stoichiometr*",
            "alkene*", "alkane*", "nucleophil*", "electrophil*", "hardy weinberg", "allele*", "genotyp*",
            "phenotyp*", "heterozygous", "recessive", "antibod*", "antigen*", "diagnosis", "physician",
            "most likely cause", "next step in management", "laboratory studies", "examination shows", "proteinuria",
            "hearsay", "admissible", "inadmissible", "defendant", "plaintiff", "prosecution", "statute",
            "jurisdiction", "negligence", "tort", "torts", "residuals", "heteroskedastic*", "heteroscedastic*",
            "least squares", "elasticity", "decidable", "undecidable", "turing machine", "context free",
            "np complete", "np hard", "fermion*", "boson*", "term symbol", "octahedral", "spectral", "doppler",
            "proper motion", "kinetic energy", "magnetic field", "electric field", "torque", "wavelength",
            "categorical imperative", "universal law", "utilitarian*", "deontolog*", "predicate logic", "syllogism*",
            "кинетическ*", "электрическое поле", "электрического поля", "магнитное поле", "магнитного поля",
            "магнитном поле", "по индукции", "индукцией", "магнитной индукции", "эластичность спроса",
            "эластичности спроса", "электрон", "электрона", "электроны", "электроном", "многочлен*", "логарифм*",
            "подгрупп*", "изоморф*", "гомоморф*", "энтроп*", "энтальп*", "аллел*", "генотип*", "фенотип*",
            "диагноз*", "истец*", "ответчик*", "подсудимы*");
    static final GatedPattern LONG_OUTPUT = GatedPattern.of("(?iu)(\\d{3,5})[- ]?(?:words?|слов)",
            s -> GatedPattern.digitRun(s, 3));
    static final GatedPattern BIG_O = GatedPattern.of("\\bO\\((?:n|log|1)", GatedPattern.containing("O("));
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[,;]|\\band\\b|\\s[иа]\\s|\\bwith\\b");

    double estimate(Text text, Domain domain, boolean multiStep, long promptTokens) {
        List<String> words = text.instruction;
        double c = prior(domain);
        c += Math.min(0.3, 0.12 * DEPTH.count(words));
        c += Math.min(0.21, 0.07 * SPECIALIST.count(words));
        if (domain == Domain.MATH || domain == Domain.REASONING || domain == Domain.CODE || domain == Domain.FACTUAL) {
            // in a request to write or translate, "the largest possible" describes the text, not a search
            c += Math.min(0.2, 0.1 * SEARCH.count(words));
        }
        if (domain == Domain.MATH) {
            c += formalNotation(text.raw) ? 0.15 : 0;
            // each given amount is roughly one more step of arithmetic to get right
            c += Math.min(0.15, 0.03 * Math.max(0, DomainScorer.quantities(text.prose, 8) - 2));
        }
        c += RIGOUR.any(words) ? 0.25 : 0;
        c += TECHNIQUE.any(words) ? 0.15 : 0;
        c += Math.min(0.16, 0.08 * Math.max(0, TASK_VERBS.count(words) - 1));
        c += EXPLANATION.any(words) ? 0.06 : 0;
        c += AUDIENCE.any(words) ? 0.08 : 0;
        // every requirement costs words, so a long instruction is a proxy for many requirements;
        // characters, not words, so that terse Russian and wordier English weigh alike
        c += 0.2 * Math.min(1.0, Math.max(0, spoken(text).length() - 50) / 200.0);
        if (domain == Domain.TRANSLATION && FIGURATIVE.any(words)) {
            // meaning and form must both survive: a pun or a rhyme has no literal translation
            c += 0.15;
        }
        c += Math.min(0.21, 0.07 * (CONSTRAINTS.count(text.instruction) + BIG_O.count(text.raw, 1)));
        c += Math.min(0.15, 0.03 * Math.max(0, Text.count(LIST_SEPARATORS, text.instructionText, 10) - 2));
        c += Math.min(0.16, 0.08 * HARD_WORDS.count(words));
        c += multiStep ? 0.08 : 0;
        c += longOutput(text) ? 0.15 : 0;
        c += inputSize(promptTokens);
        if (domain == Domain.CHAT && SENSITIVE.any(text.instruction)) {
            // comforting someone badly is a real failure; small talk is not
            c += 0.3;
        }
        c -= MECHANICAL.any(text.instruction) ? 0.12 : 0;
        c -= EASY_WORDS.any(text.instruction) ? 0.05 : 0;
        c -= text.words.size() <= 5 ? 0.05 : 0;
        return calibrated(Math.max(0, c));
    }

    /**
     * The terms above are additive evidence, not yet on the scale the delegation engine thresholds.
     * Two anchors map one onto the other: 0.25 points (a plain task with one complicating factor) is
     * where medium starts, 0.5 points (several factors, or rigour plus depth) is where high starts.
     * The anchors were read off the dev split of the labelled set; beyond them the scale compresses
     * so that piling on more signals approaches 1 without reaching it early.
     */
    static double calibrated(double points) {
        if (points <= 0.5) {
            return points * (TaskProfile.HIGH_FROM / 0.5);
        }
        return Math.min(1.0, TaskProfile.HIGH_FROM + (points - 0.5) * ((1 - TaskProfile.HIGH_FROM) / 0.5));
    }

    /**
     * Where an unremarkable question of each domain sits: lookups, chat and short transformations are
     * routine for any model; code, math and reasoning fail small models more often even when plain.
     */
    private static double prior(Domain domain) {
        return switch (domain) {
            case CHAT -> 0.05;
            case FACTUAL, TRANSLATION, WRITING, CREATIVE -> 0.12;
            case SUMMARIZATION, MATH -> 0.15;
            case CODE, REASONING -> 0.18;
        };
    }

    /**
     * Typeset mathematics: TeX commands, {@code $...$} delimiters or braced exponents and indices.
     * People who write a question in TeX are posing a formal problem, not asking for arithmetic.
     */
    static boolean formalNotation(String raw) {
        return closesTexMath(raw) || raw.contains("^{") || raw.contains("_{") || DomainScorer.LATEX.find(raw);
    }

    /**
     * A pair of {@code $} around inline math ("$x+1$", "$7^{2024}$", "$2x + 5 = 17$"): as TeX is written,
     * the content neither starts nor ends with a space, and it has a letter or a TeX sign in it. Prices
     * ("$5 and $10", "5$ и 7$", "$20-$25") fail one test or the other.
     */
    private static boolean closesTexMath(String raw) {
        int open = raw.indexOf('$');
        while (open >= 0) {
            int close = raw.indexOf('$', open + 1);
            if (close < 0) {
                return false;
            }
            if (close > open + 1 && texLike(raw, open + 1, close)) {
                return true;
            }
            open = close;
        }
        return false;
    }

    private static boolean texLike(String s, int from, int to) {
        if (Character.isWhitespace(s.charAt(from)) || Character.isWhitespace(s.charAt(to - 1))) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c) || "\\^_{}=".indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The instruction without a pasted passage or code: what the user wrote to describe the task. */
    private static String spoken(Text text) {
        return text.payloadWords > 0 ? text.instructionText : text.prose.strip();
    }

    private static boolean longOutput(Text text) {
        if (!LONG_OUTPUT.gate().test(text.instructionText)) {
            return false;
        }
        Matcher m = LONG_OUTPUT.pattern().matcher(text.instructionText);
        while (m.find()) {
            if (Integer.parseInt(m.group(1)) >= 500) {
                return true;
            }
        }
        return false;
    }

    /** Transforming a long input is harder than a short one, but the effect flattens; length alone never makes a task hard. */
    private static double inputSize(long tokens) {
        if (tokens > Needs.LONG_CONTEXT_TOKENS) {
            return 0.2;
        }
        return tokens > 2_000 ? 0.12 : tokens > 600 ? 0.08 : tokens > 200 ? 0.04 : 0;
    }
}
