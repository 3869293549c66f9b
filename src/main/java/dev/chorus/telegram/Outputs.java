package dev.chorus.telegram;

/** Makes the output of one chat (replying to {@code replyTo} in groups). */
final class Outputs {
    private final SendPacer pacer;
    private final TelegramGateway gateway;
    private final MessageFormatter formatter;
    private final Mailroom mailroom;

    Outputs(TelegramGateway gateway, MessageFormatter formatter, Mailroom mailroom) {
        this(gateway, formatter, mailroom, SendPacer.NONE);
    }

    /** @param pacer the outbox's: a growing answer's preview is shown only when it has room */
    Outputs(TelegramGateway gateway, MessageFormatter formatter, Mailroom mailroom, SendPacer pacer) {
        this.pacer = pacer;
        this.gateway = gateway;
        this.formatter = formatter;
        this.mailroom = mailroom;
    }

    TelegramChatOutput forChat(long chatId, Integer replyTo) {
        return new TelegramChatOutput(chatId, replyTo, gateway, formatter, mailroom, pacer);
    }

    SendPacer pacer() {
        return pacer;
    }
}
