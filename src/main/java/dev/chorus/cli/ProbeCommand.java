package dev.chorus.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chorus.budget.BudgetAlerts;
import dev.chorus.budget.BudgetService;
import dev.chorus.budget.Spender;
import dev.chorus.config.ChorusConfig;
import dev.chorus.config.ConfigException;
import dev.chorus.config.ConfigLoader;
import dev.chorus.json.ProbeSuiteJson;
import dev.chorus.money.MoneyFormat;
import dev.chorus.orchestration.learning.LearnedQuality;
import dev.chorus.orchestration.probe.MeasuredCapabilities;
import dev.chorus.orchestration.probe.ProbeResult;
import dev.chorus.orchestration.probe.ProbeService;
import dev.chorus.orchestration.probe.Prober;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.fleet.ProviderFleet;
import dev.chorus.provider.resilience.Sleeper;
import dev.chorus.startup.Learning;
import dev.chorus.store.BudgetLedger;
import dev.chorus.store.Database;
import dev.chorus.store.Databases;
import dev.chorus.store.JdbiDirectory;
import dev.chorus.store.JdbiProbes;
import dev.chorus.store.StoreException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * {@code chorus.jar probe MODEL}: runs the shipped capability suite against one configured model.
 * The estimated cost comes first and the progress follows on standard error; the scores go to
 * standard output as one JSON object. Calls are charged to the global budget, as the bot's
 * {@code /probe} is, and the scores stand in for the catalog's from then on (the bot picks them up at
 * its next start).
 */
public final class ProbeCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProbeCommand() {
    }

    /** 0: probed through; 1: some tasks got no answer (provider failures, budget); 2: bad config or model. */
    public static int run(CommandLineArgs args, Map<String, String> env, OutputStream stdout, OutputStream stderr) {
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        Clock clock = Clock.systemUTC();
        ChorusConfig config;
        ModelCatalog catalog;
        ProviderFleet providers;
        ModelSpec model;
        Database database;
        try {
            config = ConfigLoader.loadOffline(args.configFileToRead(), env);
            catalog = ModelCatalog.load(config.catalog());
            providers = new ProviderFleet(config, catalog, new ObjectMapper(), clock, Sleeper.REAL);
            Optional<ModelSpec> found = providers.usableModels().stream()
                    .filter(m -> m.id().equalsIgnoreCase(args.question())).findFirst();
            if (found.isEmpty()) {
                err.println("probe: " + (catalog.find(args.question()).isPresent()
                        ? args.question() + " has no API key or endpoint configured"
                        : "no model " + args.question() + " in the catalog"));
                providers.close();
                return 2;
            }
            model = found.get();
            database = Databases.open(config);
        } catch (ConfigException | StoreException e) {
            err.println(e.getMessage().lines().findFirst().orElse(""));
            return 2;
        }
        try (database; providers) {
            BudgetLedger ledger = new BudgetLedger(database);
            BudgetService budgets = new BudgetService(ledger, config.budget(), config.admins(), clock,
                    new BudgetAlerts(ledger, new JdbiDirectory(database, clock), clock, text -> { }));
            JdbiProbes store = new JdbiProbes(database, clock);
            MeasuredCapabilities capabilities = new MeasuredCapabilities(store);
            ProbeService probes = new ProbeService(new Prober(ProbeSuiteJson.shipped(),
                    providers.chain((provider, message) -> { })), store, capabilities,
                    () -> budgets.gate(Spender.BOT, "probe"), () -> {
                        // what was learned from ratings is relative to the prior: recalibrated and saved
                        try (LearnedQuality learned = Learning.open(database, catalog.all(), capabilities, clock)) {
                            learned.save();
                        }
                    });
            int tasks = probes.suite().tasks().size();
            err.println("probe: " + model.id() + ": " + tasks + " tasks, estimated "
                    + MoneyFormat.dollars(probes.estimateMicros(model)) + ", charged to the global budget");
            ProbeResult result = probes.probe(model, (done, all, passed, cost) -> {
                if (done % 10 == 0 || done == all) {
                    err.println("probe: " + done + "/" + all + " tasks, " + passed + " passed, "
                            + MoneyFormat.dollars(cost) + " so far");
                }
            }).orElseThrow();
            out.println(JSON.writeValueAsString(json(result)));
            if (result.stopped() != null) {
                err.println("probe: stopped early: " + result.stopped());
            }
            return result.complete() ? 0 : 1;
        } catch (StoreException e) {
            err.println("probe: stopped: " + e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            err.println("probe: cannot write the result (" + e.getMessage() + ")");
            return 1;
        }
    }

    private static ObjectNode json(ProbeResult r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("model", r.model());
        ObjectNode scores = node.putObject("scores");
        r.scores().forEach((domain, s) -> {
            ObjectNode d = scores.putObject(domain.key());
            d.put("passed", s.passed());
            d.put("answered", s.answered());
            d.put("capability", s.capability());
        });
        node.put("costMicros", r.costMicros());
        node.put("unanswered", r.unanswered());
        if (r.stopped() == null) {
            node.putNull("stopped");
        } else {
            node.put("stopped", r.stopped());
        }
        return node;
    }
}
