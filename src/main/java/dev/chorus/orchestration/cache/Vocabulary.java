package dev.chorus.orchestration.cache;

import java.util.Map;
import java.util.Set;

/**
 * The words {@link KeyTerms} reads questions by, English and Russian: numbers written out, negations,
 * what a question asks for, the words that give a direction, and the words that only carry the
 * asking. Lower case, ё written е.
 */
final class Vocabulary {
    private Vocabulary() {
    }

    static final Map<String, String> NUMBER_WORDS = Map.ofEntries(Map.entry("two", "2"), Map.entry("three", "3"),
            Map.entry("four", "4"), Map.entry("five", "5"), Map.entry("six", "6"), Map.entry("seven", "7"),
            Map.entry("eight", "8"), Map.entry("nine", "9"), Map.entry("ten", "10"), Map.entry("eleven", "11"),
            Map.entry("twelve", "12"), Map.entry("first", "1"), Map.entry("1st", "1"), Map.entry("second", "2"),
            Map.entry("2nd", "2"), Map.entry("third", "3"), Map.entry("3rd", "3"), Map.entry("fourth", "4"),
            Map.entry("4th", "4"), Map.entry("fifth", "5"), Map.entry("5th", "5"));
    static final Set<String> NEGATIONS = Set.of("not", "no", "never", "without", "none", "nothing", "cannot",
            "не", "нет", "без", "никогда", "ни", "нельзя");
    static final Set<String> ASKS = Set.of("when", "why", "where", "who", "когда", "почему", "зачем", "где",
            "куда", "откуда", "кто");
    static final Set<String> CONNECTORS = Set.of("to", "into", "from", "than", "vs", "versus", "in", "per",
            "в", "во", "из", "на", "чем");
    // Words that carry the asking, not what is asked: leaving one out or putting it in changes no answer.
    static final Set<String> FUNCTION_WORDS = Set.of(
            "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "doing",
            "i", "me", "my", "mine", "you", "your", "we", "our", "us", "it", "its", "they", "them", "their", "he", "she",
            "this", "that", "these", "those", "there", "here", "what", "whats", "which", "how", "hows", "when", "why",
            "where", "who", "whom", "whose", "of", "to", "in", "on", "at", "by", "for", "with", "about", "as", "into",
            "from", "than", "and", "or", "but", "if", "so", "then", "can", "could", "would", "should", "will", "shall",
            "may", "might", "must", "please", "tell", "explain", "show", "give", "way", "ways", "some", "any", "just",
            "really", "actually", "exactly", "get", "go", "make", "use", "using", "need", "want", "like", "know", "let",
            "s", "t", "vs", "versus", "one", "thing", "things", "stuff", "etc", "also", "ok", "okay", "hi", "hey",
            "difference", "differences", "differ", "differs", "different", "between", "compare", "compared", "pls",
            "mean", "means", "meaning", "work", "works", "done", "find", "out", "up", "write", "quick",
            "разница", "отличие", "отличается", "отличаются", "между", "работает", "значит",
            "и", "в", "во", "на", "с", "со", "к", "ко", "по", "о", "об", "от", "до", "из", "за", "для", "у", "а", "но",
            "или", "ли", "же", "бы", "что", "чем", "как", "какой", "какая", "какие", "каких", "каким", "это", "этот",
            "эта", "эти", "мне", "меня", "я", "ты", "вы", "мы", "он", "она", "оно", "они", "его", "её", "ее", "их",
            "можно", "нужно", "надо", "пожалуйста", "скажи", "скажите", "объясни", "объясните", "подскажите",
            "подскажи", "сколько", "когда", "почему", "зачем", "где", "кто", "чтобы", "есть", "быть", "так", "там",
            "тут", "вот", "ну", "уже", "ещё", "еще", "очень", "ведь", "просто");
}
