package dev.chorus.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs JMH with the usual command line, then prints what the issue asks for: the client's added
 * time per call over raw OkHttp (p50, p99, ratio) and per streamed chunk. After a full run it also
 * runs {@link InterleavedCheck}; for {@link RoutingBenchmark}, p50 and p99 of routing one question
 * against the 1 ms target. The summary is also written to target/jmh-summary.md. Listing and help go
 * straight to JMH's own Main.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions options = new CommandLineOptions(args);
        if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
                || options.shouldListProfilers() || options.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        Collection<RunResult> results = new Runner(options).run();
        String summary = summary(results);
        if (clientResults(results) == 6) { // the client's full set: cross-check it with both sides interleaved
            System.out.println();
            System.out.println("Running the interleaved cross-check (about 35 s)...");
            summary = summary + "\n" + InterleavedCheck.run();
        }
        System.out.println();
        System.out.println(summary);
        Path out = Path.of("target", "jmh-summary.md");
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, summary, StandardCharsets.UTF_8);
            System.out.println("(also written to " + out.toAbsolutePath() + ")");
        } catch (IOException e) {
            System.err.println("could not write " + out + ": " + e);
        }
    }

    private static long clientResults(Collection<RunResult> results) {
        return results.stream().map(r -> r.getParams().getBenchmark())
                .filter(b -> b.contains(".CompleteBenchmark.") || b.contains(".StreamBenchmark.")).count();
    }

    private record Figures(double p50, double p99, double mean, double error, long samples,
                           double p50Min, double p50Max, double p99Min, double p99Max) {
    }

    static String summary(Collection<RunResult> results) {
        Map<String, Figures> byName = new LinkedHashMap<>();
        for (RunResult result : results) {
            byName.put(name(result.getParams()), figures(result));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("| benchmark | p50 µs | p99 µs | p50 range over iterations | p99 range over iterations | mean ± 99.9% CI µs | samples |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|\n");
        byName.forEach((name, f) -> sb.append(String.format(Locale.ROOT,
                "| %s | %.1f | %.1f | %.1f–%.1f | %.1f–%.1f | %.1f ± %.1f | %d |%n",
                name, f.p50, f.p99, f.p50Min, f.p50Max, f.p99Min, f.p99Max, f.mean, f.error, f.samples)));

        routing(sb, byName);
        if (clientResults(results) == 0) {
            return sb.toString();
        }
        sb.append("\n| comparison | added at p50 µs | added at p99 µs | ratio p50 | ratio p99 | p99 target < 1000 µs added |\n");
        sb.append("|---|---:|---:|---:|---:|---|\n");
        compare(sb, byName, "complete", "Complete.client", "Complete.raw");
        compare(sb, byName, "stream (fixture, 6 chunks)", "Stream.client[fixture]", "Stream.raw[fixture]");
        compare(sb, byName, "stream (synthetic, 200 chunks)", "Stream.client[synthetic200]", "Stream.raw[synthetic200]");

        Figures d200 = byName.get("Stream.client[synthetic200]");
        Figures c200 = byName.get("Stream.raw[synthetic200]");
        Figures dFix = byName.get("Stream.client[fixture]");
        Figures cFix = byName.get("Stream.raw[fixture]");
        if (d200 != null && c200 != null) {
            int n = StreamBenchmark.SYNTHETIC_CHUNKS;
            sb.append(String.format(Locale.ROOT, "%nPer streamed chunk, (client - raw) / %d on the 200-chunk body: "
                    + "%.2f µs at p50, %.2f µs at p99.%n", n, (d200.p50 - c200.p50) / n, (d200.p99 - c200.p99) / n));
            if (dFix != null && cFix != null) {
                int extra = n - StreamBenchmark.FIXTURE_CHUNKS;
                sb.append(String.format(Locale.ROOT, "Marginal, per-call cost removed, "
                        + "((client - raw)[200] - (client - raw)[fixture]) / %d: %.2f µs at p50, %.2f µs at p99.%n",
                        extra, ((d200.p50 - c200.p50) - (dFix.p50 - cFix.p50)) / extra,
                        ((d200.p99 - c200.p99) - (dFix.p99 - cFix.p99)) / extra));
            }
        }
        return sb.toString();
    }

    /** Routing before any model call: analysis plus delegation must stay under 1 ms at p99 with 200 models. */
    private static void routing(StringBuilder sb, Map<String, Figures> byName) {
        List<String> sizes = List.of("15", "200");
        if (sizes.stream().noneMatch(n -> byName.containsKey("Routing.analyzeAndDelegate[" + n + "]"))) {
            return;
        }
        sb.append("\n| routing one question | models | p50 µs | p99 µs | p99 target < 1000 µs |\n");
        sb.append("|---|---:|---:|---:|---|\n");
        Figures analysis = byName.get("Routing.analyze");
        for (String n : sizes) {
            for (String part : List.of("delegate", "analyzeAndDelegate", "analyzeAndDelegateColdTokenCache")) {
                Figures f = byName.get("Routing." + part + "[" + n + "]");
                if (f != null) {
                    String label = switch (part) {
                        case "delegate" -> "delegation alone";
                        case "analyzeAndDelegate" -> "analysis + delegation";
                        default -> "analysis + delegation, every word unseen";
                    };
                    sb.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %s |%n", label, n, f.p50, f.p99,
                            f.p99 < 1000 ? "met" : "NOT met"));
                }
            }
        }
        if (analysis != null) {
            sb.append(String.format(Locale.ROOT, "| analysis alone | any | %.1f | %.1f | |%n", analysis.p50,
                    analysis.p99));
        }
    }

    private static void compare(StringBuilder sb, Map<String, Figures> byName, String label, String client, String raw) {
        Figures d = byName.get(client);
        Figures c = byName.get(raw);
        if (d == null || c == null) {
            return;
        }
        double added99 = d.p99 - c.p99;
        sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %.2f | %s |%n", label,
                d.p50 - c.p50, added99, d.p50 / c.p50, d.p99 / c.p99, added99 < 1000 ? "met" : "NOT met"));
    }

    /** "Complete.raw", "Stream.client[fixture]", "Routing.delegate[200]": the parameter values in brackets. */
    private static String name(BenchmarkParams params) {
        String bench = params.getBenchmark();
        String[] parts = bench.split("\\.");
        String name = parts[parts.length - 2].replace("Benchmark", "") + "." + parts[parts.length - 1];
        List<String> values = params.getParamsKeys().stream().sorted().map(params::getParam).toList();
        return values.isEmpty() ? name : name + "[" + String.join(",", values) + "]";
    }

    private static Figures figures(RunResult result) {
        Statistics all = result.getPrimaryResult().getStatistics();
        double p50Min = Double.MAX_VALUE;
        double p50Max = 0;
        double p99Min = Double.MAX_VALUE;
        double p99Max = 0;
        for (IterationResult iteration : result.getBenchmarkResults().iterator().next().getIterationResults()) {
            Statistics s = iteration.getPrimaryResult().getStatistics();
            p50Min = Math.min(p50Min, s.getPercentile(50));
            p50Max = Math.max(p50Max, s.getPercentile(50));
            p99Min = Math.min(p99Min, s.getPercentile(99));
            p99Max = Math.max(p99Max, s.getPercentile(99));
        }
        return new Figures(all.getPercentile(50), all.getPercentile(99), all.getMean(),
                result.getPrimaryResult().getScoreError(), all.getN(), p50Min, p50Max, p99Min, p99Max);
    }
}
