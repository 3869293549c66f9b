package dev.chorus.telegram;

import dev.chorus.command.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link Reply} into Telegram HTML messages, each below Telegram's 4096-character limit.
 * Messages break between paragraphs where possible, else between lines, else between words; a
 * code block that has to be split is closed and reopened, so every message is valid HTML on its own.
 */
final class MessageFormatter {
    /**
     * Telegram counts the limit after parsing the markup, in UTF-16 units; measuring the HTML
     * itself (always longer) with headroom keeps every part safely under it.
     */
    static final int LIMIT = 4000;

    private final int limit;

    MessageFormatter() {
        this(LIMIT);
    }

    MessageFormatter(int limit) {
        this.limit = limit;
    }

    List<String> format(Reply reply) {
        List<List<String>> paragraphs = paragraphs(reply);
        if (reply.footer() != null && !reply.footer().isBlank()) {
            paragraphs.add(List.of("<i>— " + Html.escape(reply.footer()) + "</i>"));
        }
        return pack(paragraphs);
    }

    private List<List<String>> paragraphs(Reply reply) {
        List<List<String>> paragraphs = new ArrayList<>();
        List<String> current = new ArrayList<>();
        List<MarkdownToHtml.Block> blocks = reply.format() == Reply.Format.MARKDOWN
                ? MarkdownToHtml.blocks(reply.body())
                : reply.body().lines().map(l -> (MarkdownToHtml.Block) new MarkdownToHtml.Block.Line(l)).toList();
        for (MarkdownToHtml.Block block : blocks) {
            switch (block) {
                case MarkdownToHtml.Block.Line line when line.text().isBlank() -> current = flush(paragraphs, current);
                case MarkdownToHtml.Block.Line line -> current.addAll(lineAtoms(line.text(), reply.format()));
                case MarkdownToHtml.Block.Code code -> {
                    current = flush(paragraphs, current);
                    paragraphs.add(codeAtoms(code));
                }
            }
        }
        flush(paragraphs, current);
        return paragraphs;
    }

    private static List<String> flush(List<List<String>> paragraphs, List<String> current) {
        if (!current.isEmpty()) {
            paragraphs.add(current);
        }
        return new ArrayList<>();
    }

    private List<String> lineAtoms(String source, Reply.Format format) {
        String html = render(source, format);
        if (html.length() <= limit) {
            return List.of(html);
        }
        List<String> atoms = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        for (String word : source.split("(?<= )")) {
            if (render(piece + word, format).length() > limit && !piece.isEmpty()) {
                atoms.add(render(piece.toString(), format));
                piece.setLength(0);
            }
            if (render(word, format).length() > limit) {
                // A single "word" longer than a message (a URL, a hash): shown unformatted.
                for (String cut : hardCut(word, 0)) {
                    atoms.add(Html.escape(cut));
                }
            } else {
                piece.append(word);
            }
        }
        if (!piece.isEmpty()) {
            atoms.add(render(piece.toString(), format));
        }
        return atoms;
    }

    private static String render(String source, Reply.Format format) {
        return format == Reply.Format.MARKDOWN ? MarkdownToHtml.line(source) : Html.escape(source);
    }

    /** One code block as one or more {@code <pre>} atoms, each within the limit. */
    private List<String> codeAtoms(MarkdownToHtml.Block.Code code) {
        String open = MarkdownToHtml.codeOpen(code.language());
        String close = MarkdownToHtml.codeClose(code.language());
        int room = limit - open.length() - close.length();
        List<String> atoms = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (String line : code.lines()) {
            for (String piece : Html.escape(line).length() > room ? hardCut(line, open.length() + close.length())
                    : List.of(line)) {
                String escaped = Html.escape(piece);
                int added = (body.isEmpty() ? 0 : 1) + escaped.length();
                if (body.length() + added > room && !body.isEmpty()) {
                    atoms.add(open + body + close);
                    body.setLength(0);
                }
                if (!body.isEmpty()) {
                    body.append('\n');
                }
                body.append(escaped);
            }
        }
        atoms.add(open + body + close);
        return atoms;
    }

    /** Cuts raw text so that each piece, once escaped, fits; never between the halves of a surrogate pair. */
    private List<String> hardCut(String raw, int overhead) {
        List<String> pieces = new ArrayList<>();
        int room = limit - overhead;
        int start = 0;
        int escapedLength = 0;
        for (int i = 0; i < raw.length(); i++) {
            int width = Html.escape(String.valueOf(raw.charAt(i))).length();
            boolean splitsPair = Character.isLowSurrogate(raw.charAt(i));
            if (escapedLength + width > room - 1 && !splitsPair && i > start) {
                pieces.add(raw.substring(start, i));
                start = i;
                escapedLength = 0;
            }
            escapedLength += width;
        }
        pieces.add(raw.substring(start));
        return pieces;
    }

    private List<String> pack(List<List<String>> paragraphs) {
        List<String> messages = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (List<String> paragraph : paragraphs) {
            String whole = String.join("\n", paragraph);
            int separator = current.isEmpty() ? 0 : 2;
            if (current.length() + separator + whole.length() <= limit) {
                appendWith(current, "\n\n", whole);
                continue;
            }
            if (whole.length() <= limit) {
                flushTo(messages, current);
                current.append(whole);
                continue;
            }
            String joiner = "\n\n";
            for (String atom : paragraph) {
                if (current.length() + (current.isEmpty() ? 0 : joiner.length()) + atom.length() > limit) {
                    flushTo(messages, current);
                }
                appendWith(current, joiner, atom);
                joiner = "\n";
            }
        }
        flushTo(messages, current);
        if (messages.isEmpty()) {
            messages.add("…");
        }
        return messages;
    }

    private static void appendWith(StringBuilder current, String separator, String text) {
        if (!current.isEmpty()) {
            current.append(separator);
        }
        current.append(text);
    }

    private static void flushTo(List<String> messages, StringBuilder current) {
        if (!current.isEmpty()) {
            messages.add(current.toString());
            current.setLength(0);
        }
    }
}
