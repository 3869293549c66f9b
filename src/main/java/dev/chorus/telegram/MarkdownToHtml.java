package dev.chorus.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders model output (loose Markdown) as Telegram HTML, one source line at a time, so that no tag
 * ever spans two lines and the result can be split between lines safely. Everything that is not
 * recognised formatting is escaped: model output is never trusted as markup.
 */
final class MarkdownToHtml {
    private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([A-Za-z0-9_+#.-]*)\\s*$");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+)$");
    // Order matters: code spans first, so that ** inside `code` stays literal.
    private static final Pattern INLINE = Pattern.compile(
            "`([^`]+)`"
                    + "|\\*\\*(?=\\S)(.+?)(?<=\\S)\\*\\*"
                    + "|(?<![\\w*])\\*(?=\\S)([^*]+?)(?<=\\S)\\*(?![\\w*])"
                    + "|\\[([^\\]]+)]\\((https?://[^)\\s]+)\\)");

    private MarkdownToHtml() {
    }

    /** Splits {@code markdown} into text lines and fenced code blocks. */
    static List<Block> blocks(String markdown) {
        List<Block> blocks = new ArrayList<>();
        List<String> code = null;
        String language = "";
        for (String line : markdown.replace("\r\n", "\n").split("\n", -1)) {
            Matcher fence = FENCE.matcher(line);
            if (code == null && fence.matches()) {
                code = new ArrayList<>();
                language = fence.group(1);
            } else if (code != null && fence.matches() && fence.group(1).isEmpty()) {
                blocks.add(new Block.Code(language, List.copyOf(code)));
                code = null;
            } else if (code != null) {
                code.add(line);
            } else {
                blocks.add(new Block.Line(line));
            }
        }
        if (code != null) {
            // An unclosed fence (an answer cut short) still shows as code.
            blocks.add(new Block.Code(language, List.copyOf(code)));
        }
        return blocks;
    }

    /** One line of Markdown text as HTML. */
    static String line(String line) {
        Matcher heading = HEADING.matcher(line);
        if (heading.matches()) {
            return "<b>" + inline(heading.group(1)) + "</b>";
        }
        return inline(line);
    }

    static String inline(String text) {
        Matcher m = INLINE.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        int last = 0;
        while (m.find()) {
            out.append(Html.escape(text.substring(last, m.start())));
            if (m.group(1) != null) {
                out.append("<code>").append(Html.escape(m.group(1))).append("</code>");
            } else if (m.group(2) != null) {
                out.append("<b>").append(inline(m.group(2))).append("</b>");
            } else if (m.group(3) != null) {
                out.append("<i>").append(inline(m.group(3))).append("</i>");
            } else {
                out.append("<a href=\"").append(Html.escape(m.group(5))).append("\">")
                        .append(Html.escape(m.group(4))).append("</a>");
            }
            last = m.end();
        }
        out.append(Html.escape(text.substring(last)));
        return out.toString();
    }

    static String codeOpen(String language) {
        return language.isEmpty() ? "<pre>" : "<pre><code class=\"language-" + Html.escape(language) + "\">";
    }

    static String codeClose(String language) {
        return language.isEmpty() ? "</pre>" : "</code></pre>";
    }

    /** A piece of the source: a line of text or a whole fenced code block. */
    sealed interface Block {
        record Line(String text) implements Block {
        }

        record Code(String language, List<String> lines) implements Block {
        }
    }
}
