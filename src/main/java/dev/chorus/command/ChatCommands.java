package dev.chorus.command;

import dev.chorus.budget.SpendHistory;
import dev.chorus.i18n.Language;
import dev.chorus.i18n.Phrase;
import dev.chorus.i18n.Texts;
import dev.chorus.money.MoneyFormat;
import java.util.List;
import java.util.Optional;

/**
 * Decides what to do with a message: which command it is, whether the bot should answer at all,
 * and what it replies. Thread-safe; the adapter calls it from one thread per chat.
 */
public final class ChatCommands {
    /** The commands shown in Telegram's menu, in order; each one's description is the text {@code menu.<command>}. */
    private static final List<String> MENU = List.of("ask", "multi", "new", "mode", "model", "escalation", "models",
            "budget", "usage", "trace", "rate", "stats", "cache", "language", "help", "start");
    /** Shown in the menu of the bot's admins only. */
    private static final List<String> ADMIN_MENU = List.of("status", "probe", "catalog");

    /** The everyday commands, described in {@code language}. */
    public static List<CommandInfo> menu(Language language) {
        return describe(MENU, Texts.of(language));
    }

    /** The admins' extra commands, described in {@code language}. */
    public static List<CommandInfo> adminMenu(Language language) {
        return describe(ADMIN_MENU, Texts.of(language));
    }

    private static List<CommandInfo> describe(List<String> commands, Texts t) {
        return commands.stream().map(c -> new CommandInfo(c, t.get("menu." + c))).toList();
    }

    private final String botUsername;
    private final Services services;
    private final BudgetCommands budget;
    private final RoutingCommands routing;
    private final AskFlow asks;
    private final MultiFlow multi;
    private final RatingFlow ratings;
    private final ProbeFlow probes;
    private final CacheCommands cache;
    private final Languages languages;
    private final LanguageCommands language;

    public ChatCommands(String botUsername, Services services) {
        this.botUsername = botUsername;
        this.services = services;
        this.languages = new Languages(services.directory());
        this.language = new LanguageCommands(languages);
        this.budget = new BudgetCommands(services.budgets(), services.directory(), services.admins(),
                services.chatAdmins());
        this.routing = new RoutingCommands(services.sessions(), services.models(), services.capabilities(),
                id -> services.probes().measured(id).isPresent(),
                new Permissions(services.admins(), services.chatAdmins()));
        QuestionLimiter limiter = new QuestionLimiter(services.limits().userQuestionsPerMinute(),
                services.limits().groupQuestionsPerMinute(), services.allowances());
        this.multi = new MultiFlow(services.multi(), services.sessions(), services.budgets(), limiter,
                services.traces(), services.journal());
        this.ratings = new RatingFlow(services.ratings(), services.sessions());
        this.cache = new CacheCommands(services.cache(), new Permissions(services.admins(), services.chatAdmins()));
        this.probes = new ProbeFlow(services.probes(), services.admins(), services.models(), services.clock());
        this.asks = new AskFlow(services.asks(), services.sessions(), services.budgets(), services.journal(), limiter,
                services.clock(), services.multi(), multi,
                dev.chorus.orchestration.multi.Strategy.of(services.limits().escalationStrategy()), services.traces(),
                services.ratings(), services.metrics(), services.cache(), languages);
    }

    /**
     * Work left by a process that stopped mid-answer: one per unfinished question, to run on that
     * chat's queue (in a group, the asker's: {@code member}, else 0) with an output replying to
     * {@code replyTo} (the question, in groups). {@code letGo} hands it back when its work failed
     * (the store stopped answering), for the next process that looks.
     */
    public record Resumption(long chatId, long member, Integer replyTo, java.util.function.Consumer<ChatOutput> work,
                             Runnable letGo) {
    }

    /**
     * This process now handles the chat (replicas pass chats between them): what it remembered of
     * the chat from an earlier turn may be out of date, so it reads it from the store again.
     */
    public void chatMovedHere(long chatId) {
        services.cache().forget(chatId);
    }

    /** The questions the last process did not finish, oldest first. */
    public List<Resumption> unfinished() {
        return unfinished(chatId -> true);
    }

    /** Like {@link #unfinished()}, only of the chats {@code mine} accepts (asked before each is taken over). */
    public List<Resumption> unfinished(java.util.function.LongPredicate mine) {
        return services.journal().unfinished(mine).stream().map(this::resumption).toList();
    }

    /** The questions a stopped process did not finish in one chat, which just moved to this process. */
    public List<Resumption> unfinishedIn(long chatId) {
        return services.journal().unfinishedIn(chatId).stream().map(this::resumption).toList();
    }

    private Resumption resumption(dev.chorus.orchestration.QuestionJournal.Unfinished u) {
        var q = u.question();
        return new Resumption(q.chatId(), q.inGroup() ? q.userId() : 0, q.inGroup() ? q.messageId() : null,
                out -> asks.resume(u, out), () -> services.journal().letGo(u.id()));
    }

    /** What the bot says to {@code userId} when they did not just write (alerts): in their language as last known. */
    public Texts textsOf(long userId) {
        return Texts.of(languages.of(userId));
    }

    /** A press of one of the bot's buttons. */
    public void handle(Callback press, ChatOutput out) {
        Callback callback = languages.resolve(press);
        if (!asks.onButton(callback, out) && !multi.onButton(callback, out) && !ratings.onButton(callback, out)
                && !probes.onButton(callback, out) && !language.onButton(callback, out)) {
            out.acknowledge(callback.callbackId(), callback.texts().get("button.stale"));
        }
    }

    public void handle(Incoming message, ChatOutput out) {
        remember(message);
        Incoming in = languages.resolve(message);
        Texts t = in.texts();
        Optional<CommandLine> command = CommandLine.parse(in.text());
        if (command.isEmpty()) {
            if (in.chatKind() == ChatKind.PRIVATE || in.addressed()) {
                services.metrics().counter("chorus.commands", "command", "text").increment();
                ask(in, in.text(), out);
            }
            return;
        }
        CommandLine cmd = command.get();
        if (cmd.isForAnotherBot(botUsername)) {
            return;
        }
        boolean known = MENU.contains(cmd.name()) || ADMIN_MENU.contains(cmd.name());
        services.metrics().counter("chorus.commands", "command", known ? cmd.name() : "unknown").increment();
        switch (cmd.name()) {
            case "start" -> out.send(Reply.plain(welcome(in.chatKind(), t)));
            case "help" -> out.send(Reply.plain(help(in.chatKind(), services.admins().contains(in.userId()), t)));
            case "language" -> out.send(language.language(in, cmd.args()));
            case "ask" -> ask(in, cmd.args(), out);
            case "multi" -> multi.ask(in, cmd.args(), out, in.chatKind() == ChatKind.PRIVATE ? "/multi"
                    : "/multi@" + botUsername);
            case "budget" -> out.send(budget.handle(in, cmd.args()));
            case "mode" -> out.send(routing.mode(in, cmd.args()));
            case "model" -> out.send(routing.model(in, cmd.args()));
            case "escalation" -> out.send(routing.escalation(in, cmd.args()));
            case "models" -> out.send(routing.models(t));
            case "new" -> out.send(routing.reset(in));
            case "usage" -> usage(in, out);
            case "trace" -> out.send(trace(in));
            case "rate" -> out.send(ratings.rate(in, cmd.args()));
            case "stats" -> stats(in, out);
            case "cache" -> out.send(cache.handle(in, cmd.args()));
            case "probe" -> out.send(probes.offer(in, cmd.args()));
            case "catalog" -> out.send(catalog(in, cmd.args()));
            case "status" -> out.send(services.admins().contains(in.userId())
                    ? StatusReport.render(services.fleetHealth().get(), services.deliveries().get(), t)
                    : Reply.plain(t.get("status.admins_only")));
            default -> {
                // A bare unknown command in a group is probably meant for another bot.
                if (in.chatKind() == ChatKind.PRIVATE || cmd.target() != null) {
                    out.send(Reply.plain(t.get("command.unknown", Quote.of(cmd.name()))));
                }
            }
        }
    }

    /** {@code /catalog reload} for the bot's admins: a newer catalog file without a restart. */
    private Reply catalog(Incoming in, String args) {
        Texts t = in.texts();
        if (!services.admins().contains(in.userId())) {
            return Reply.plain(t.get("catalog.admins_only"));
        }
        if (!args.strip().equalsIgnoreCase("reload")) {
            return Reply.plain(t.get("catalog.usage"));
        }
        return Reply.plain(String.join("\n", services.catalogReload().get().stream().map(t::render).toList()));
    }

    /** {@code /stats}: for the bot's admins, every model's ratings per domain, with a chart; for others, their own. */
    private void stats(Incoming in, ChatOutput out) {
        Texts t = in.texts();
        if (!services.admins().contains(in.userId())) {
            out.send(Reply.plain(StatsReport.forPerson(services.ratings().byPerson(in.userId()), t)
                    + "\n\n" + t.get("stats.admins_only")));
            return;
        }
        List<dev.chorus.orchestration.learning.RatingTally> tallies = services.ratingTallies().get();
        out.send(Reply.plain(StatsReport.forAdmins(tallies, t)));
        if (!tallies.isEmpty()) {
            out.sendPhoto(services.charts().statsPng(tallies, t), t.get("stats.chart_caption"));
        }
    }

    /** {@code /trace} sent as a reply to one of the bot's answers. */
    private Reply trace(Incoming in) {
        Texts t = in.texts();
        if (in.repliedToBot() == null) {
            return Reply.plain(t.get("trace.how"));
        }
        return services.sessions().answerOf(in.chatId(), in.repliedToBot())
                .map(id -> TraceReport.render(services.traces().load(id, in.chatId()), t))
                .orElse(Reply.plain(t.get("trace.not_an_answer")));
    }

    private void usage(Incoming in, ChatOutput out) {
        Texts t = in.texts();
        SpendHistory history = services.budgets().history(in.userId(), 30);
        if (history.totalMicros() == 0) {
            out.send(Reply.plain(t.get("usage.nothing")));
            return;
        }
        StringBuilder caption = new StringBuilder(t.get("usage.caption", history.from().toString(),
                history.to().toString(), MoneyFormat.dollars(history.totalMicros())));
        history.byModel().forEach((model, micros) -> caption.append('\n').append(model).append(": ")
                .append(MoneyFormat.dollars(micros)));
        out.sendPhoto(services.charts().usagePng(history, t), caption.toString());
    }

    private void remember(Incoming in) {
        Incoming.Names names = in.names();
        String chatType = names.chatType() != null ? names.chatType()
                : in.chatKind() == ChatKind.PRIVATE ? "private" : "group";
        services.directory().seen(in.userId(), names.username(), names.firstName(), in.chatId(), chatType, names.chatTitle(),
                in.languageCode());
    }

    private void ask(Incoming in, String question, ChatOutput out) {
        asks.ask(in, question, out, in.chatKind() == ChatKind.PRIVATE ? "/ask" : "/ask@" + botUsername);
    }

    private String welcome(ChatKind kind, Texts t) {
        String how = kind == ChatKind.PRIVATE ? t.get("welcome.private") : t.get("welcome.group", botUsername);
        return t.get("welcome", how);
    }

    private String help(ChatKind kind, boolean admin, Texts t) {
        StringBuilder text = new StringBuilder(t.get("help.title")).append('\n');
        for (CommandInfo info : describe(MENU, t)) {
            text.append('/').append(info.command()).append(" — ").append(info.description()).append('\n');
        }
        if (admin) {
            for (CommandInfo info : describe(ADMIN_MENU, t)) {
                text.append('/').append(info.command()).append(" — ").append(info.description()).append(' ')
                        .append(t.get("help.admins")).append('\n');
            }
        }
        text.append('\n').append(kind == ChatKind.PRIVATE ? t.get("help.private") : t.get("help.group", botUsername));
        text.append('\n').append(t.get("help.footer"));
        return text.toString();
    }
}
