package dev.chorus.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.command.ChatKind;
import dev.chorus.command.Incoming;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;

class UpdateTranslatorTest {
    private final UpdateTranslator translator = new UpdateTranslator(new BotIdentity(7482915360L, "ChorusBot"));

    @Test
    void privateTextIsAddressedToTheBot() {
        Update update = TelegramFixtures.update("getUpdates_private_text.json");
        Incoming in = translator.translate(update.getMessage()).orElseThrow();
        assertThat(in.chatKind()).isEqualTo(ChatKind.PRIVATE);
        assertThat(in.addressed()).isTrue();
        assertThat(in.chatId()).isEqualTo(384729156L);
        assertThat(in.userId()).isEqualTo(384729156L);
        assertThat(in.text()).isEqualTo(update.getMessage().getText());
    }

    @Test
    void groupCommandNamingTheBotIsAddressed() {
        Incoming in = translator.translate(TelegramFixtures.update("getUpdates_group_command_ask.json").getMessage())
                .orElseThrow();
        assertThat(in.chatKind()).isEqualTo(ChatKind.GROUP);
        assertThat(in.addressed()).isTrue();
        assertThat(in.text()).startsWith("/ask@ChorusBot what is r");
        assertThat(in.chatId()).isEqualTo(-1002143658709L);
    }

    @Test
    void groupReplyToTheBotIsAddressed() {
        Incoming in = translator.translate(TelegramFixtures.update("getUpdates_group_reply_to_bot.json").getMessage())
                .orElseThrow();
        assertThat(in.addressed()).isTrue();
        assertThat(in.text()).isEqualTo("and how does borrowing work?");
    }

    @Test
    void groupReplyToSomeoneElseIsIgnored() {
        Message message = TelegramFixtures.update("getUpdates_group_reply_to_bot.json").getMessage();
        message.getReplyToMessage().getFrom().setId(99L);
        assertThat(translator.translate(message)).isEmpty();
    }

    @Test
    void mentionIsStrippedFromTheQuestion() {
        Message message = TelegramFixtures.update("getUpdates_group_reply_to_bot.json").getMessage();
        message.setReplyToMessage(null);
        message.setText("hey @chorusbot   what is a trait?");
        Incoming in = translator.translate(message).orElseThrow();
        assertThat(in.text()).isEqualTo("hey what is a trait?");
        assertThat(in.addressed()).isTrue();
    }

    @Test
    void mentionOfALongerNameIsNotAMention() {
        Message message = TelegramFixtures.update("getUpdates_group_reply_to_bot.json").getMessage();
        message.setReplyToMessage(null);
        message.setText("ask @ChorusBotFan about it");
        assertThat(translator.translate(message)).isEmpty();
    }

    @Test
    void bareGroupCommandIsPassedOnButNotMarkedAddressed() {
        Message message = TelegramFixtures.update("getUpdates_group_command_ask.json").getMessage();
        message.setText("/ask what is rust");
        message.setEntities(null);
        Optional<Incoming> in = translator.translate(message);
        assertThat(in).isPresent();
        assertThat(in.get().addressed()).isFalse();
    }

    @Test
    void groupChatterIsIgnored() {
        Message message = TelegramFixtures.update("getUpdates_group_reply_to_bot.json").getMessage();
        message.setReplyToMessage(null);
        message.setText("anyone for lunch?");
        assertThat(translator.translate(message)).isEmpty();
    }

    @Test
    void photoWithCaptionHasNoTextToAnswer() {
        Update update = TelegramFixtures.update("getUpdates_photo_caption.json");
        assertThat(translator.translate(update.getMessage())).isEmpty();
        assertThat(UpdateTranslator.isPrivate(update.getMessage())).isTrue();
    }

    @Test
    void channelPostsAndEditsAreNotMessages() {
        assertThat(TelegramFixtures.update("getUpdates_channel_post.json").getMessage()).isNull();
        assertThat(TelegramFixtures.update("getUpdates_edited_message.json").getMessage()).isNull();
        assertThat(translator.translate(null)).isEmpty();
    }
}
