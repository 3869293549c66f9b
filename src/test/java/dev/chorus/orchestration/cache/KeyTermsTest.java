package dev.chorus.orchestration.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyTermsTest {
    private static boolean agree(String a, String b) {
        return !(KeyTerms.of(a).compare(KeyTerms.of(b)) instanceof KeyTerms.Verdict.Different)
                && !(KeyTerms.of(b).compare(KeyTerms.of(a)) instanceof KeyTerms.Verdict.Different);
    }

    @Test
    void namesCodeTokensAndNumbersMustBeShared() {
        assertThat(agree("What is the capital of France?", "what's the capital city of france")).isTrue();
        assertThat(agree("What is the capital of France?", "What is the capital of Germany?")).isFalse();
        assertThat(agree("Convert 5 miles to km", "Convert 50 miles to km")).isFalse();
        assertThat(agree("Convert 2,5 miles to km", "convert 2.5 miles into km")).isTrue();
        assertThat(agree("How do I use os.path in Python?", "how to use pathlib in python")).isFalse();
        assertThat(agree("Is C# faster than Java?", "is java faster than c#")).isTrue();
        assertThat(agree("Explain DNS", "how does dns work")).isTrue();
    }

    @Test
    void aNegationOrAnotherScriptMakesAnotherQuestion() {
        assertThat(agree("Which foods are safe for dogs?", "Which foods aren't safe for dogs?")).isFalse();
        assertThat(agree("Which foods are safe for dogs?", "Какие продукты безопасны для собак?")).isFalse();
        assertThat(agree("Что такое монада?", "что такое монада")).isTrue();
    }

    @Test
    void theFirstWordOfASentenceIsNotAName() {
        assertThat(KeyTerms.of("Explain recursion. Then give an example").marked()).isEmpty();
        assertThat(KeyTerms.of("Explain recursion in Haskell").marked()).containsExactly("haskell");
    }
}
