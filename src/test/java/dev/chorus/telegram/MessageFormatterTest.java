package dev.chorus.telegram;

import static dev.chorus.testing.HtmlAssertions.assertBalanced;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.command.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageFormatterTest {
    private final MessageFormatter formatter = new MessageFormatter();

    @Test
    void plainTextIsEscaped() {
        assertThat(formatter.format(Reply.plain("a < b & \"c\" > d <script>")))
                .containsExactly("a &lt; b &amp; &quot;c&quot; &gt; d &lt;script&gt;");
    }

    @Test
    void markdownIsRenderedAndTheRestEscaped() {
        String html = formatter.format(Reply.answer("# Title\n**bold** and *it* and `x<y` and [doc](https://e.org/a?b=1&c=2)",
                null)).getFirst();
        assertThat(html).isEqualTo("<b>Title</b>\n<b>bold</b> and <i>it</i> and <code>x&lt;y</code> and "
                + "<a href=\"https://e.org/a?b=1&amp;c=2\">doc</a>");
    }

    @Test
    void unsafeLinksAndStrayMarkersStayText() {
        String html = formatter.format(Reply.answer("[x](javascript:alert(1)) 2 * 3 * 4 snake_case_name", null))
                .getFirst();
        assertThat(html).isEqualTo("[x](javascript:alert(1)) 2 * 3 * 4 snake_case_name");
    }

    @Test
    void codeBlocksKeepTheirLanguageAndContentEscaped() {
        String html = formatter.format(Reply.answer("Try:\n```python\nif a < b:\n    print(\"**\")\n```\nDone.", null))
                .getFirst();
        assertThat(html).isEqualTo("Try:\n\n<pre><code class=\"language-python\">if a &lt; b:\n    print(&quot;**&quot;)"
                + "</code></pre>\n\nDone.");
    }

    @Test
    void unclosedFenceStillShowsAsCode() {
        assertThat(formatter.format(Reply.answer("```\nint x;", null))).containsExactly("<pre>int x;</pre>");
    }

    @Test
    void footerComesLastInItalics() {
        assertThat(formatter.format(Reply.answer("Hi", "gpt-4o-mini · $0.01"))).containsExactly(
                "Hi\n\n<i>— gpt-4o-mini · $0.01</i>");
    }

    @Test
    void longAnswerSplitsBetweenParagraphsWithValidHtml() {
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < 30; p++) {
            text.append("Paragraph ").append(p).append(" has **bold** & <angle> text. ".repeat(8)).append("\n\n");
        }
        List<String> parts = formatter.format(Reply.answer(text.toString(), "model · $0.1"));
        assertThat(parts).hasSizeGreaterThan(1);
        for (String part : parts) {
            assertThat(part.length()).isLessThanOrEqualTo(MessageFormatter.LIMIT);
            assertBalanced(part);
            assertThat(part).doesNotStartWith("\n").doesNotEndWith("\n");
        }
        // Each part starts at a paragraph: nothing is cut mid-paragraph.
        assertThat(parts).allMatch(p -> p.startsWith("Paragraph ") || p.startsWith("<i>"));
        assertThat(String.join("\n\n", parts)).contains("Paragraph 0 ", "Paragraph 29 ", "<i>— model · $0.1</i>");
    }

    @Test
    void hugeCodeBlockIsClosedAndReopenedAcrossMessages() {
        StringBuilder code = new StringBuilder("```js\n");
        for (int i = 0; i < 400; i++) {
            code.append("console.log(\"line ").append(i).append(" <tag> & more\");\n");
        }
        code.append("```");
        List<String> parts = formatter.format(Reply.answer(code.toString(), null));
        assertThat(parts).hasSizeGreaterThan(3);
        for (String part : parts) {
            assertThat(part.length()).isLessThanOrEqualTo(MessageFormatter.LIMIT);
            assertThat(part).startsWith("<pre><code class=\"language-js\">").endsWith("</code></pre>");
            assertBalanced(part);
        }
        String all = String.join("\n", parts);
        assertThat(all).contains("line 0 &lt;tag&gt;", "line 399 &lt;tag&gt;");
    }

    @Test
    void oneEnormousLineIsCutWithoutBreakingEntitiesOrSurrogates() {
        String word = "&<>😀".repeat(3000);
        List<String> parts = formatter.format(Reply.plain(word));
        assertThat(parts).hasSizeGreaterThan(1);
        StringBuilder restored = new StringBuilder();
        for (String part : parts) {
            assertThat(part.length()).isLessThanOrEqualTo(MessageFormatter.LIMIT);
            assertThat(part).doesNotContainPattern("&(?!amp;|lt;|gt;|quot;)");
            assertThat(Character.isLowSurrogate(part.charAt(0))).isFalse();
            restored.append(PlainText.fromHtml(part));
        }
        assertThat(restored.toString()).isEqualTo(word);
    }

    @Test
    void emptyAnswerStillSendsSomething() {
        assertThat(formatter.format(Reply.answer("", null))).containsExactly("…");
    }


}
