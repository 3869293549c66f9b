package dev.chorus.orchestration.cache;

import dev.chorus.provider.embedding.LocalMiniLm;

/** Prints hit and false-hit rates over a range of thresholds, and the mistakes at one: {@code CacheQualitySweep [threshold]}. */
public final class CacheQualitySweep {
    public static void main(String[] args) {
        LocalMiniLm model = new LocalMiniLm();
        CacheQuality quality = new CacheQuality(model);
        for (int t = 76; t <= 96; t += 2) {
            quality.run(t / 100.0).forEach(System.out::println);
        }
        double chosen = dev.chorus.config.CacheSettings.DEFAULT.similarity();
        for (int half = 0; half < 2; half++) {
            System.out.println((half == 0 ? "even" : "odd") + " groups at the default " + chosen + ":");
            new CacheQuality(model, half).run(chosen).forEach(System.out::println);
        }
        if (args.length > 0) {
            quality.mistakes(Double.parseDouble(args[0])).forEach(System.out::println);
        }
    }
}
