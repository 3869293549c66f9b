package dev.chorus.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chorus.command.ChatAdmins;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Set;
import java.util.stream.Collectors;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatAdministrators;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMember;

/**
 * A group's admins from {@code getChatAdministrators}, cached for a few minutes: budget commands
 * ask on every use, and Telegram limits how often a bot may call it.
 */
final class TelegramChatAdmins implements ChatAdmins {
    private final TelegramGateway gateway;
    private final Cache<Long, Set<Long>> admins = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(5))
            .maximumSize(10_000)
            .build();

    TelegramChatAdmins(TelegramGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public boolean isAdmin(long chatId, long userId) {
        return admins.get(chatId, this::fetch).contains(userId);
    }

    private Set<Long> fetch(long chatId) {
        try {
            return gateway.call(chatId, GetChatAdministrators.builder().chatId(chatId).build(),
                    TelegramGateway.SHORT_PATIENCE)
                    .orElseGet(ArrayList::new).stream()
                    .map(ChatMember::getUser)
                    .map(u -> u.getId())
                    .collect(Collectors.toUnmodifiableSet());
        } catch (TelegramGateway.RejectedCall e) {
            return Set.of();
        }
    }
}
