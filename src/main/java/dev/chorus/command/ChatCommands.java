package dev.chorus.command;

import dev.chorus.budget.SpendHistory;
import dev.chorus.money.MoneyFormat;
import java.util.List;
import java.util.Optional;

/**
 * Decides what to do with a message: which command it is, whether the bot should answer at all,
 * and what it replies. Thread-safe; the adapter calls it from one thread per chat.
 */
public final class ChatCommands {
    /** The commands shown in Telegram's menu, in order. */
    public static final List<CommandInfo> MENU = List.of(
            new CommandInfo("ask", "Ask a question"),
            new CommandInfo("multi", "Let several models answer and merge"),
            new CommandInfo("new", "Start a new conversation"),
            new CommandInfo("mode", "cheap, balanced, quality, fast or local"),
            new CommandInfo("model", "Pin a model, or auto"),
            new CommandInfo("escalation", "Let hard questions go to stronger models: on or off"),
            new CommandInfo("models", "The models and what they are good at"),
            new CommandInfo("budget", "What you can still spend"),
            new CommandInfo("usage", "Your spend over 30 days, as a chart"),
            new CommandInfo("trace", "Reply to an answer: which model did what"),
            new CommandInfo("rate", "Reply to an answer: rate it 1-5"),
            new CommandInfo("stats", "How answers were rated"),
            new CommandInfo("cache", "Kept answers: clear, or share in a group"),
            new CommandInfo("help", "What this bot can do"),
            new CommandInfo("start", "Start here"));
    /** Shown in the menu of the bot's admins only. */
    public static final List<CommandInfo> ADMIN_MENU = List.of(
            new CommandInfo("status", "Providers' health and the outbox"),
            new CommandInfo("probe", "Measure what a model is good at"),
            new CommandInfo("catalog", "reload: read the model catalog file again"));

    private final String botUsername;
    private final Services services;
    private final BudgetCommands budget;
    private final RoutingCommands routing;
    private final AskFlow asks;
    private final MultiFlow multi;
    private final RatingFlow ratings;
    private final ProbeFlow probes;
    private final CacheCommands cache;

    public ChatCommands(String botUsername, Services services) {
        this.botUsername = botUsername;
        this.services = services;
        this.budget = new BudgetCommands(services.budgets(), services.directory(), services.admins(),
                services.chatAdmins());
        this.routing = new RoutingCommands(services.sessions(), services.models(), services.capabilities(),
                id -> services.probes().measured(id).isPresent(),
                new Permissions(services.admins(), services.chatAdmins()));
        QuestionLimiter limiter = new QuestionLimiter(services.limits().userQuestionsPerMinute(),
                services.limits().groupQuestionsPerMinute());
        this.multi = new MultiFlow(services.multi(), services.sessions(), services.budgets(), limiter,
                services.traces(), services.journal());
        this.ratings = new RatingFlow(services.ratings(), services.sessions());
        this.cache = new CacheCommands(services.cache(), new Permissions(services.admins(), services.chatAdmins()));
        this.probes = new ProbeFlow(services.probes(), services.admins(), services.models(), services.clock());
        this.asks = new AskFlow(services.asks(), services.sessions(), services.budgets(), services.journal(), limiter,
                services.clock(), services.multi(), multi,
                dev.chorus.orchestration.multi.Strategy.of(services.limits().escalationStrategy()), services.traces(),
                services.ratings(), services.metrics(), services.cache());
    }

    /**
     * Work left by a process that stopped mid-answer: one per unfinished question, to run on that
     * chat's queue with an output replying to {@code replyTo} (the question, in groups).
     */
    public record Resumption(long chatId, Integer replyTo, java.util.function.Consumer<ChatOutput> work) {
    }

    /** The questions the last process did not finish, oldest first. */
    public List<Resumption> unfinished() {
        return services.journal().unfinished().stream()
                .map(u -> new Resumption(u.question().chatId(), u.question().inGroup() ? u.question().messageId() : null,
                        out -> asks.resume(u, out)))
                .toList();
    }

    /** A press of one of the bot's buttons. */
    public void handle(Callback callback, ChatOutput out) {
        if (!asks.onButton(callback, out) && !multi.onButton(callback, out) && !ratings.onButton(callback, out)
                && !probes.onButton(callback, out)) {
            out.acknowledge(callback.callbackId(), "That button no longer does anything.");
        }
    }

    public void handle(Incoming in, ChatOutput out) {
        remember(in);
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
        boolean known = MENU.stream().anyMatch(c -> c.command().equals(cmd.name()))
                || ADMIN_MENU.stream().anyMatch(c -> c.command().equals(cmd.name()));
        services.metrics().counter("chorus.commands", "command", known ? cmd.name() : "unknown").increment();
        switch (cmd.name()) {
            case "start" -> out.send(Reply.plain(welcome(in.chatKind())));
            case "help" -> out.send(Reply.plain(help(in.chatKind(), services.admins().contains(in.userId()))));
            case "ask" -> ask(in, cmd.args(), out);
            case "multi" -> multi.ask(in, cmd.args(), out, in.chatKind() == ChatKind.PRIVATE ? "/multi"
                    : "/multi@" + botUsername);
            case "budget" -> out.send(budget.handle(in, cmd.args()));
            case "mode" -> out.send(routing.mode(in, cmd.args()));
            case "model" -> out.send(routing.model(in, cmd.args()));
            case "escalation" -> out.send(routing.escalation(in, cmd.args()));
            case "models" -> out.send(routing.models());
            case "new" -> out.send(routing.reset(in));
            case "usage" -> usage(in, out);
            case "trace" -> out.send(trace(in));
            case "rate" -> out.send(ratings.rate(in, cmd.args()));
            case "stats" -> stats(in, out);
            case "cache" -> out.send(cache.handle(in, cmd.args()));
            case "probe" -> out.send(probes.offer(in, cmd.args()));
            case "catalog" -> out.send(catalog(in, cmd.args()));
            case "status" -> out.send(services.admins().contains(in.userId())
                    ? StatusReport.render(services.fleetHealth().get(), services.deliveries().get())
                    : Reply.plain("Only the bot's admins can see the providers' status."));
            default -> {
                // A bare unknown command in a group is probably meant for another bot.
                if (in.chatKind() == ChatKind.PRIVATE || cmd.target() != null) {
                    out.send(Reply.plain("I don't know /" + Quote.of(cmd.name()) + ". Send /help to see what I can do."));
                }
            }
        }
    }

    /** {@code /catalog reload} for the bot's admins: a newer catalog file without a restart. */
    private Reply catalog(Incoming in, String args) {
        if (!services.admins().contains(in.userId())) {
            return Reply.plain("Only the bot's admins can reload the model catalog.");
        }
        if (!args.strip().equalsIgnoreCase("reload")) {
            return Reply.plain("/catalog reload reads the catalog file (catalog.file) again and puts it in place at once. "
                    + "/models lists the models in use.");
        }
        return Reply.plain(services.catalogReload().get());
    }

    /** {@code /stats}: for the bot's admins, every model's ratings per domain, with a chart; for others, their own. */
    private void stats(Incoming in, ChatOutput out) {
        if (!services.admins().contains(in.userId())) {
            out.send(Reply.plain(StatsReport.forPerson(services.ratings().byPerson(in.userId()))
                    + "\n\nHow every model is rated is for the bot's admins to see."));
            return;
        }
        List<dev.chorus.orchestration.learning.RatingTally> tallies = services.ratingTallies().get();
        out.send(Reply.plain(StatsReport.forAdmins(tallies)));
        if (!tallies.isEmpty()) {
            out.sendPhoto(services.charts().statsPng(tallies), "Share of good ratings per model and domain");
        }
    }

    /** {@code /trace} sent as a reply to one of the bot's answers. */
    private Reply trace(Incoming in) {
        if (in.repliedToBot() == null) {
            return Reply.plain("Reply /trace to one of my answers to see which model did what, and what it cost. "
                    + "Or press Trace under the answer.");
        }
        return services.sessions().answerOf(in.chatId(), in.repliedToBot())
                .map(id -> TraceReport.render(services.traces().load(id, in.chatId())))
                .orElse(Reply.plain("That message is not one of my answers, so there is nothing to trace."));
    }

    private void usage(Incoming in, ChatOutput out) {
        SpendHistory history = services.budgets().history(in.userId(), 30);
        if (history.totalMicros() == 0) {
            out.send(Reply.plain("You have not spent anything in the last 30 days."));
            return;
        }
        StringBuilder caption = new StringBuilder("Your spend, " + history.from() + " to " + history.to() + ": "
                + MoneyFormat.dollars(history.totalMicros()));
        history.byModel().forEach((model, micros) -> caption.append('\n').append(model).append(": ")
                .append(MoneyFormat.dollars(micros)));
        out.sendPhoto(services.charts().usagePng(history), caption.toString());
    }

    private void remember(Incoming in) {
        Incoming.Names names = in.names();
        String chatType = names.chatType() != null ? names.chatType()
                : in.chatKind() == ChatKind.PRIVATE ? "private" : "group";
        services.directory().seen(in.userId(), names.username(), names.firstName(), in.chatId(), chatType, names.chatTitle());
    }

    private void ask(Incoming in, String question, ChatOutput out) {
        asks.ask(in, question, out, in.chatKind() == ChatKind.PRIVATE ? "/ask" : "/ask@" + botUsername);
    }

    private String welcome(ChatKind kind) {
        String how = kind == ChatKind.PRIVATE
                ? "Just send me a question, or use /ask <question>."
                : "Ask with /ask@" + botUsername + " <question>, mention me, or reply to one of my answers.";
        return "Hi! I'm Chorus. I answer questions with a fleet of AI models and tell you which one "
                + "answered and what it cost.\n\n" + how + "\nSend /help for all commands.";
    }

    private String help(ChatKind kind, boolean admin) {
        StringBuilder text = new StringBuilder("Commands:\n");
        for (CommandInfo info : MENU) {
            text.append('/').append(info.command()).append(" — ").append(info.description()).append('\n');
        }
        if (admin) {
            for (CommandInfo info : ADMIN_MENU) {
                text.append('/').append(info.command()).append(" — ").append(info.description()).append(" (admins)\n");
            }
        }
        text.append('\n').append(kind == ChatKind.PRIVATE
                ? "In this chat you can also just type your question."
                : "In a group, use /ask@" + botUsername + ", mention @" + botUsername
                        + ", or reply to one of my answers.");
        text.append("\nEvery answer ends with the model that wrote it and what it cost.");
        return text.toString();
    }
}
