package dev.chorus.config;

import java.time.ZoneId;
import java.util.Optional;

/**
 * Budget defaults. Scopes an admin has not set use these.
 *
 * @param memberCap each member's cap inside a group's pool, if any
 * @param global the whole bot's limit, if any
 * @param refuseUnknownUsers allow-list mode: only admins and users with their own budget may ask
 * @param zone when days, weeks and months begin
 */
public record BudgetSettings(Amounts.Limit user, Amounts.Limit group, Optional<Amounts.Limit> memberCap,
                             Optional<Amounts.Limit> global, boolean refuseUnknownUsers, ZoneId zone) {
    public static final BudgetSettings DEFAULTS = new BudgetSettings(new Amounts.Limit(1_000_000, "day"),
            new Amounts.Limit(5_000_000, "day"), Optional.empty(), Optional.of(new Amounts.Limit(20_000_000, "day")),
            false, ZoneId.of("UTC"));
}
