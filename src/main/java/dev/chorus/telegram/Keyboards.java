package dev.chorus.telegram;

import dev.chorus.command.Reply;
import java.util.List;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/** Reply buttons as Telegram inline keyboards: one row, as many buttons as the reply has. */
final class Keyboards {
    private Keyboards() {
    }

    static InlineKeyboardMarkup of(List<Reply.Button> buttons) {
        if (buttons.isEmpty()) {
            return null;
        }
        InlineKeyboardRow row = new InlineKeyboardRow();
        for (Reply.Button button : buttons) {
            row.add(InlineKeyboardButton.builder().text(button.text()).callbackData(button.data()).build());
        }
        return InlineKeyboardMarkup.builder().keyboardRow(row).build();
    }
}
