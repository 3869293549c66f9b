package dev.chorus.command;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed chat command: {@code /name@target args}.
 *
 * @param name lower-case, without the slash
 * @param target the bot username after {@code @}, or {@code null} for a bare command
 * @param args the rest of the text, stripped (may be empty or span several lines)
 */
public record CommandLine(String name, String target, String args) {
    // Telegram commands: up to 32 of a-z, 0-9 and _; bot usernames: 5-32 of a-z, 0-9 and _.
    private static final Pattern COMMAND = Pattern.compile("^/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{3,32}))?(?=\\s|$)(.*)$",
            Pattern.DOTALL);

    /** Parses {@code text} if it starts with a command; anything else is not a command. */
    public static Optional<CommandLine> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = COMMAND.matcher(text.stripLeading());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new CommandLine(m.group(1).toLowerCase(Locale.ROOT), m.group(2), m.group(3).strip()));
    }

    /** Whether the command names another bot, so this one must stay silent. */
    public boolean isForAnotherBot(String botUsername) {
        return target != null && !target.equalsIgnoreCase(botUsername);
    }
}
