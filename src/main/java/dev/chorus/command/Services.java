package dev.chorus.command;

import dev.chorus.budget.BudgetService;
import dev.chorus.config.ChatLimits;
import dev.chorus.orchestration.QuestionJournal;
import java.time.Clock;
import dev.chorus.orchestration.AskService;
import dev.chorus.orchestration.ChatSessions;
import dev.chorus.provider.catalog.ModelSpec;
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
 * @param chatAdmins who administers a group chat (they may set its budget)
 * @param models the models this config can call
 * @param journal questions in progress, to pick up after a restart
 * @param limits how many questions a person and a group may ask per minute
 * @param deliveries the outbox's backlog, for {@code /status}
 * @param multi several models on one question, for {@code /multi}
 * @param traces what each model did for an answer, for {@code /trace}
 * @param charts draws {@code /usage}
 * @param ratings people's ratings of answers, for the 👍 / 👎 buttons and {@code /rate}
 * @param ratingTallies ratings per domain and model, for the admins' {@code /stats}
 * @param probes capability probes, for the admins' {@code /probe}
 * @param capabilities each model's capabilities as the router sees them (probed ones in place), for {@code /models}
 * @param catalogReload reads the catalog file again and puts it in place; says what changed, a line each, for {@code /catalog reload}
 * @param metrics where commands, answers, refusals and fallbacks are counted
 * @param cache answers kept for questions a chat asks again
 * @param allowances where the question allowances live: this process, or Redis for all replicas
 */
public record Services(AskService asks, Directory directory, Set<Long> admins, Supplier<List<ProviderHealth>> fleetHealth,
                       BudgetService budgets, ChatAdmins chatAdmins, ChatSessions sessions,
                       Supplier<List<ModelSpec>> models, QuestionJournal journal, ChatLimits limits,
                       Supplier<Deliveries> deliveries, Clock clock, ChartRenderer charts, dev.chorus.orchestration.multi.MultiService multi, dev.chorus.orchestration.TraceStore traces,
                       dev.chorus.orchestration.Ratings ratings,
                       Supplier<List<dev.chorus.orchestration.learning.RatingTally>> ratingTallies,
                       dev.chorus.orchestration.probe.ProbeService probes,
                       dev.chorus.orchestration.delegation.Capabilities capabilities,
                       Supplier<List<dev.chorus.i18n.Phrase>> catalogReload, io.micrometer.core.instrument.MeterRegistry metrics,
                       dev.chorus.orchestration.cache.CachedAnswers cache, Allowances allowances) {
    public Services {
        admins = Set.copyOf(admins);
    }

    /** With the allowances in this process. */
    public Services(AskService asks, Directory directory, Set<Long> admins, Supplier<List<ProviderHealth>> fleetHealth,
                    BudgetService budgets, ChatAdmins chatAdmins, ChatSessions sessions,
                    Supplier<List<ModelSpec>> models, QuestionJournal journal, ChatLimits limits,
                    Supplier<Deliveries> deliveries, Clock clock, ChartRenderer charts,
                    dev.chorus.orchestration.multi.MultiService multi, dev.chorus.orchestration.TraceStore traces,
                    dev.chorus.orchestration.Ratings ratings,
                    Supplier<List<dev.chorus.orchestration.learning.RatingTally>> ratingTallies,
                    dev.chorus.orchestration.probe.ProbeService probes,
                    dev.chorus.orchestration.delegation.Capabilities capabilities,
                    Supplier<List<dev.chorus.i18n.Phrase>> catalogReload, io.micrometer.core.instrument.MeterRegistry metrics,
                    dev.chorus.orchestration.cache.CachedAnswers cache) {
        this(asks, directory, admins, fleetHealth, budgets, chatAdmins, sessions, models, journal, limits, deliveries,
                clock, charts, multi, traces, ratings, ratingTallies, probes, capabilities, catalogReload, metrics, cache,
                Allowances.local());
    }
}

