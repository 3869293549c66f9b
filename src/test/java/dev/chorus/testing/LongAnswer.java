package dev.chorus.testing;

/** A model answer of about 9,000 characters: paragraphs, Markdown, and a long code block. */
public final class LongAnswer {
    private LongAnswer() {
    }

    public static String text() {
        StringBuilder text = new StringBuilder("# Plan\n\n");
        for (int p = 1; p <= 14; p++) {
            text.append("Paragraph ").append(p).append(": ");
            for (int s = 0; s < 6; s++) {
                text.append("**Step ").append(p).append('.').append(s)
                        .append("** compares a < b & c > d in the `loop` before moving on. ");
            }
            text.append("\n\n");
        }
        text.append("```java\n");
        for (int line = 1; line <= 70; line++) {
            text.append("int value").append(line).append(" = compute(\"<tag>\", ").append(line).append(");\n");
        }
        text.append("```\n\nDone: every step above.");
        return text.toString();
    }
}
