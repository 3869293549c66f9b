package dev.chorus.command;

import dev.chorus.orchestration.AskService;
import dev.chorus.provider.resilience.ProviderHealth;
import dev.chorus.store.Directory;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the commands work with.
 *
 * @param admins Telegram user ids of the bot's admins
 * @param fleetHealth the providers' health, for {@code /status}
 */
public record Services(AskService asks, Directory directory, Set<Long> admins, Supplier<List<ProviderHealth>> fleetHealth) {
    public Services {
        admins = Set.copyOf(admins);
    }
}
