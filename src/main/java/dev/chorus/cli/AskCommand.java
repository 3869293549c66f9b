package dev.chorus.cli;

import dev.chorus.command.MultiText;
import dev.chorus.orchestration.multi.MultiOutcome;
import dev.chorus.orchestration.multi.MultiService;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.money.MoneyFormat;
import dev.chorus.config.ChorusConfig;
import dev.chorus.config.ConfigException;
import dev.chorus.config.ConfigLoader;
import dev.chorus.config.Secret;
import dev.chorus.orchestration.AskOutcome;
import dev.chorus.orchestration.AskRequest;
import dev.chorus.orchestration.AskService;
import dev.chorus.orchestration.AskSettings;
import dev.chorus.orchestration.Asker;
import dev.chorus.orchestration.delegation.DelegationEngine;
import dev.chorus.orchestration.delegation.Preferences;
import dev.chorus.provider.fleet.ProviderFleet;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.resilience.Sleeper;
import dev.chorus.provider.resilience.FallbackChain;
import dev.chorus.provider.resilience.SpendGate;
import dev.chorus.startup.Analyzers;
import dev.chorus.startup.StartChecks;
import dev.chorus.startup.Learning;
import dev.chorus.store.Database;
import dev.chorus.store.Databases;
import dev.chorus.store.JdbiCallLog;
import dev.chorus.store.StoreException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code chorus.jar ask "question"}: answers one question in the terminal through the bot's own
 * orchestration (analysis, delegation, fallbacks) with the providers of the config. The answer streams
 * to {@code out} as it arrives; the footer (model, domain and complexity, cost, time) follows on
 * {@code err} after a blank line, so standard output holds the answer alone.
 *
 * <p>No budget applies: whoever runs the jar on the bot's machine is its operator, and can spend the
 * keys anyway. Every call is still recorded in the database at {@code db.path} with user and chat
 * id {@value #TERMINAL_ID}, so the spend shows up in the call log.
 */
public final class AskCommand {
    /** The user and chat id the terminal's calls are recorded under; no Telegram id is 0. */
    public static final long TERMINAL_ID = 0;
    private static final Asker TERMINAL = new Asker(TERMINAL_ID, TERMINAL_ID, false);

    private AskCommand() {
    }

    /**
     * Runs the command: 0 when answered, 1 when no answer came (one line on {@code err} says why),
     * 2 for a bad config, a missing API key or an unusable database.
     */
    public static int run(CommandLineArgs args, Map<String, String> env, OutputStream stdout, OutputStream stderr) {
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        AskService asks;
        MultiService multi;
        Preferences preferences;
        try {
            ChorusConfig config = ConfigLoader.loadOffline(args.configFileToRead(), env);
            ModelCatalog catalog = ModelCatalog.load(config.catalog());
            ProviderFleet providers = new ProviderFleet(config, catalog, new ObjectMapper(), Clock.systemUTC(),
                    Sleeper.REAL);
            ModelSpec pinned = StartChecks.pinnedModel(config, catalog, providers);
            StartChecks.checkFallbacks(config, catalog, providers);
            preferences = new Preferences(args.mode().orElse(Preferences.DEFAULT.mode()),
                    Optional.ofNullable(pinned).map(ModelSpec::id), Preferences.DEFAULT.allowEscalation());
            Database database = Databases.open(config);
            // a refused key ends in the failure line below; there is no admin to alert
            FallbackChain chain = providers.chain((provider, message) -> { });
            JdbiCallLog calls = new JdbiCallLog(database);
            asks = new AskService(Analyzers.of(config, catalog, providers, chain, calls,
                    asker -> SpendGate.UNLIMITED, Clock.systemUTC()), new DelegationEngine(Learning.open(database, catalog.all(), Clock.systemUTC()), config.answerMaxTokens()),
                    providers::usableModels, providers::configuredFallbacks, chain,
                    asker -> SpendGate.UNLIMITED, asker -> Long.MAX_VALUE, calls,
                    new AskSettings(config.answerMaxTokens(), config.systemPrompt(), config.limits().answerDeadline()),
                    Clock.systemUTC());
            // the terminal has no budget and no one to confirm with; the run's cap and the pipeline still apply
            multi = new MultiService(asks, chain, asker -> SpendGate.UNLIMITED, asker -> Long.MAX_VALUE,
                    Clock.systemUTC(), config.limits().multiMaxCostMicros(), Long.MAX_VALUE,
                    new dev.chorus.json.JsonPlanParser(), StartChecks.checkedPipeline(config, catalog, providers), config.limits().multiGrace());
        } catch (ConfigException | StoreException e) {
            err.println(oneLine(e.getMessage()));
            return 2;
        }
        if (args.command() == CommandLineArgs.Command.MULTI) {
            return multi(multi, new AskRequest(TERMINAL, args.question(), List.of(), preferences, false), args, out, err);
        }
        Streamed streamed = new Streamed(out);
        AskOutcome outcome;
        try {
            outcome = asks.ask(new AskRequest(TERMINAL, args.question(), List.of(), preferences, args.allowCloud()),
                    streamed::onText);
        } catch (RuntimeException e) {
            streamed.endLine();
            err.println("ask failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage())));
            return 1;
        }
        return finish(outcome, streamed, err);
    }

    /**
     * {@code multi}: each change of a member (model, role, state, cost so far) as a line on {@code err}
     * while they work; the answer and its footer on {@code out} at the end.
     */
    private static int multi(MultiService multi, AskRequest request, CommandLineArgs args, PrintStream out,
                             PrintStream err) {
        java.util.Set<String> printed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        MultiOutcome outcome;
        try {
            outcome = multi.ask(request, args.strategy(), steps -> steps.forEach(s -> {
                String line = s.modelId() + " · " + s.label() + " · " + s.state().label()
                        + (s.costMicros() > 0 ? " · " + MoneyFormat.dollars(s.costMicros()) : "");
                if (printed.add(s.index() + ":" + line)) {
                    err.println("[" + (s.index() + 1) + "] " + line);
                }
            }), delta -> { });
        } catch (RuntimeException e) {
            err.println("multi failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage())));
            return 1;
        }
        switch (outcome) {
            case MultiOutcome.Answered a -> {
                out.println(a.text() + MultiText.endingNote(a));
                out.println();
                out.println(MultiText.footer(a));
                return 0;
            }
            case MultiOutcome.Failed f -> {
                err.println("multi: none of the models could answer");
                return 1;
            }
            case MultiOutcome.Single s -> {
                err.println("multi: only one model can take this question; it answers alone");
                Streamed streamed = new Streamed(out);
                return finish(s.outcome(), streamed, err);
            }
            case MultiOutcome.NotRun n -> {
                err.println("multi: " + n.message());
                return 1;
            }
            case MultiOutcome.NeedsConfirmation c -> {
                err.println("multi: the run would cost up to " + MoneyFormat.dollars(c.worstCaseMicros()));
                return 1;
            }
        }
    }

    private static int finish(AskOutcome outcome, Streamed streamed, PrintStream err) {
        switch (outcome) {
            case AskOutcome.Answered a -> {
                if (!streamed.any()) {
                    streamed.onText(a.text());
                }
                streamed.endLine();
                err.println();
                err.println(footer(a));
                return 0;
            }
            case AskOutcome.Declined d -> {
                if (!streamed.any()) {
                    streamed.onText(d.refusal());
                }
                streamed.endLine();
                err.println();
                err.println(d.modelId() + " · " + MoneyFormat.dollars(d.costMicros()) + " · declined to answer");
                return 1;
            }
            case AskOutcome.Failed f -> {
                streamed.endLine();
                err.println("ask failed: " + failure(f) + " (tried " + f.modelId() + ")");
                return 1;
            }
            case AskOutcome.NeedsConsent c -> {
                err.println("ask: the question contains private data (" + c.privateData() + ") and no local model "
                        + "is configured, so nothing was sent; add --allow-cloud to send it to " + c.cloudModel()
                        + " anyway");
                return 1;
            }
            case AskOutcome.NoModel n -> {
                err.println("ask: " + n.reason());
                return 1;
            }
            case AskOutcome.OverBudget o -> {
                err.println("ask: " + o.message());
                return 1;
            }
        }
    }

    static String footer(AskOutcome.Answered a) {
        StringBuilder footer = new StringBuilder();
        if (a.routing() != null && a.routing().escalated()) {
            footer.append("escalated · ");
        }
        footer.append(a.modelId());
        if (a.routing() != null) {
            footer.append(String.format(Locale.ROOT, " · %s %.2f", a.routing().domain(), a.routing().complexity()));
        }
        footer.append(" · ").append(a.costEstimated() ? "~" : "").append(MoneyFormat.dollars(a.costMicros()));
        footer.append(String.format(Locale.ROOT, " · %.1fs", a.took().toMillis() / 1000.0));
        if (!a.failedModels().isEmpty()) {
            footer.append(" · stood in for ").append(String.join(", ", a.failedModels()));
        }
        if (a.truncated()) {
            footer.append(" · stopped at answer.max-tokens");
        }
        return footer.toString();
    }

    private static String failure(AskOutcome.Failed f) {
        return switch (f.failure()) {
            case RATE_LIMITED -> "the providers are rate-limiting; try again in a minute";
            case UNAVAILABLE -> "no model answered (server errors, overload or network)";
            case TIMEOUT -> "the model took too long to answer";
            case MISCONFIGURED -> "the provider refused the API key; check the key in the config";
            case TOO_LONG -> "the question is too long for the model";
            case REJECTED -> "the provider rejected the request";
            case INTERRUPTED -> "the answer broke off and no other model could finish it";
        };
    }

    /** Error text from a library may span lines or quote a credential; the terminal gets one clean line. */
    private static String oneLine(String message) {
        return Secret.mask(message == null ? "" : message.lines().findFirst().orElse(""));
    }

    /** The answer as it streams to the terminal. */
    private static final class Streamed {
        private final PrintStream out;
        private boolean any;
        private boolean endsWithNewline = true;

        Streamed(PrintStream out) {
            this.out = out;
        }

        void onText(String delta) {
            if (delta.isEmpty()) {
                return;
            }
            out.print(delta);
            out.flush();
            any = true;
            endsWithNewline = delta.endsWith("\n");
        }

        boolean any() {
            return any;
        }

        /** Ends the answer's last line, so the footer starts on a line of its own. */
        void endLine() {
            if (any && !endsWithNewline) {
                out.println();
            }
            out.flush();
        }
    }

}
