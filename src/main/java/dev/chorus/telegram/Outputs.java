package dev.chorus.telegram;

/** Makes the output of one chat (replying to {@code replyTo} in groups). */
final class Outputs {
    private final TelegramGateway gateway;
    private final MessageFormatter formatter;
    private final Mailroom mailroom;

    Outputs(TelegramGateway gateway, MessageFormatter formatter, Mailroom mailroom) {
        this.gateway = gateway;
        this.formatter = formatter;
        this.mailroom = mailroom;
    }

    TelegramChatOutput forChat(long chatId, Integer replyTo) {
        return new TelegramChatOutput(chatId, replyTo, gateway, formatter, mailroom);
    }
}
