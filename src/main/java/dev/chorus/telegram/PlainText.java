package dev.chorus.telegram;

/** Telegram HTML back to the text it shows, for the rare resend without markup. */
final class PlainText {
    private PlainText() {
    }

    static String fromHtml(String html) {
        return html.replaceAll("<[^>]+>", "")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
    }
}
