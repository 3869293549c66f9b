package dev.chorus.telegram;

import dev.chorus.command.Reply;
import java.util.List;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/** Reply buttons as Telegram inline keyboards: two to a row, so that each is easy to hit on a phone. */
final class Keyboards {
    private static final int PER_ROW = 2;

    private Keyboards() {
    }

    static InlineKeyboardMarkup of(List<Reply.Button> buttons) {
        if (buttons.isEmpty()) {
            return null;
        }
        List<InlineKeyboardRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < buttons.size(); i++) {
            if (i % PER_ROW == 0) {
                rows.add(new InlineKeyboardRow());
            }
            Reply.Button button = buttons.get(i);
            rows.getLast().add(InlineKeyboardButton.builder().text(button.text()).callbackData(button.data()).build());
        }
        return InlineKeyboardMarkup.builder().keyboard(rows).build();
    }
}
