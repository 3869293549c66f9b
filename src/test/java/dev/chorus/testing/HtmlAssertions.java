package dev.chorus.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks on the Telegram HTML the bot sends. */
public final class HtmlAssertions {
    private HtmlAssertions() {
    }

    /** Every tag Telegram's HTML mode knows is closed as often as it is opened. */
    public static void assertBalanced(String html) {
        for (String tag : List.of("pre", "code", "b", "i", "a")) {
            assertThat(count(html, "<" + tag + "[ >]")).as("<%s> balanced in %s", tag, html)
                    .isEqualTo(count(html, "</" + tag + ">"));
        }
    }

    private static long count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
