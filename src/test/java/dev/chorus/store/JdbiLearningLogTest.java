package dev.chorus.store;

import dev.chorus.testing.StoreKind;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.orchestration.Ratings;
import dev.chorus.orchestration.analysis.DeterministicAnalyzer;
import dev.chorus.orchestration.analysis.TaskProfile;
import dev.chorus.orchestration.delegation.QualityModel;
import dev.chorus.orchestration.learning.LearnedQuality;
import dev.chorus.orchestration.learning.LearningRatings;
import dev.chorus.orchestration.learning.RatingEvent;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.startup.Learning;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the router learns lives in SQLite: derived from the rating log, saved, rebuilt, identical after a restart. */
/** Runs on SQLite and on PostgreSQL. */
@ParameterizedClass
@EnumSource(StoreKind.class)
class JdbiLearningLogTest {
    @Parameter
    StoreKind kind;

    static final List<ModelSpec> CATALOG = ModelCatalog.builtIn().all();
    static final ModelSpec MINI = CATALOG.stream().filter(m -> m.id().equals("gpt-4o-mini")).findFirst().orElseThrow();
    static final String ASKED = "Write a limerick about a cat who hates Mondays and loves lasagna";
    static final String SIMILAR = "Write a limerick about a dog who hates baths and loves lasagna";
    static final String OTHER = "Prove that there are infinitely many primes of the form 4k+3";

    @TempDir
    Path dir;
    final Clock clock = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);
    final DeterministicAnalyzer analyzer = new DeterministicAnalyzer();

    @Test
    void aRestartGivesTheSameEstimatesAndALostSnapshotIsRebuiltToThem() {
        Path file = dir.resolve("chorus.db");
        double learned;
        try (Database db = kind.open(file)) {
            JdbiRatings ratings = new JdbiRatings(db, clock);
            LearnedQuality quality = Learning.open(db, CATALOG, clock);
            double before = expected(quality, SIMILAR);
            LearningRatings live = new LearningRatings(ratings, quality);
            for (int i = 0; i < 12; i++) {
                live.record(new Ratings.Rating(null, 0, 0, "gpt-4o-mini", null, ASKED + " " + i, 1, null,
                        Ratings.Source.LEARN));
            }
            learned = expected(quality, SIMILAR);
            assertThat(learned).as("bad ratings of similar questions, taken in as they came").isLessThan(before - 0.1);
            double moved = expected(QualityModel.PRIOR, OTHER) - expected(quality, OTHER);
            assertThat(moved).as("an unrelated question is moved far less").isLessThan((before - learned) / 3);
            quality.close();
        }
        try (Database db = kind.open(file)) {
            assertThat(expected(Learning.open(db, CATALOG, clock), SIMILAR)).isEqualTo(learned);
            db.jdbi().useHandle(h -> h.createUpdate("UPDATE quality_snapshot SET state = :junk")
                    .bind("junk", new byte[] {0, 1, 2, 3, 4}).execute());
            assertThat(expected(Learning.open(db, CATALOG, clock), SIMILAR)).as("an unreadable snapshot is rebuilt")
                    .isEqualTo(learned);
            db.jdbi().useHandle(h -> h.execute("DELETE FROM quality_snapshot"));
            assertThat(expected(Learning.open(db, CATALOG, clock), SIMILAR)).as("rebuilt from the log").isEqualTo(learned);
        }
    }

    @Test
    void aChangedVoteReplacesTheEarlierOneInWhatIsLearned() {
        double changed;
        try (Database db = kind.open(dir.resolve("a.db"))) {
            long answer = new Conversations(db, clock).recordAnswer(5, null, "gpt-4o-mini", "why", ASKED, null);
            LearnedQuality quality = Learning.open(db, CATALOG, clock);
            LearningRatings ratings = new LearningRatings(new JdbiRatings(db, clock), quality);
            ratings.record(new Ratings.Rating(answer, 5, 7, "gpt-4o-mini", null, ASKED, 1, null, Ratings.Source.BUTTON));
            ratings.record(new Ratings.Rating(answer, 5, 7, "gpt-4o-mini", null, ASKED, 5, null, Ratings.Source.BUTTON));
            changed = expected(quality, ASKED);
        }
        try (Database db = kind.open(dir.resolve("b.db"))) {
            long answer = new Conversations(db, clock).recordAnswer(5, null, "gpt-4o-mini", "why", ASKED, null);
            LearnedQuality quality = Learning.open(db, CATALOG, clock);
            new LearningRatings(new JdbiRatings(db, clock), quality).record(
                    new Ratings.Rating(answer, 5, 7, "gpt-4o-mini", null, ASKED, 5, null, Ratings.Source.BUTTON));
            assertThat(changed).isCloseTo(expected(quality, ASKED), org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Test
    void aMultiAnswerCreditsItsMembersAndItsStrategy() {
        try (Database db = kind.open(dir.resolve("m.db"))) {
            long answer = new Conversations(db, clock).recordAnswer(5, null, "gpt-4o", "why", ASKED, "parallel");
            db.jdbi().useHandle(h -> {
                h.execute("INSERT INTO answer_steps (answer_id, idx, model, role, state) VALUES (?, 0, 'gpt-4o-mini', 'answer', 'done')", answer);
                h.execute("INSERT INTO answer_steps (answer_id, idx, model, role, state) VALUES (?, 1, 'claude-3-5-haiku', 'answer', 'done')", answer);
                h.execute("INSERT INTO answer_steps (answer_id, idx, model, role, state) VALUES (?, 2, 'gpt-4o', 'merge', 'done')", answer);
            });
            new JdbiRatings(db, clock).record(new Ratings.Rating(answer, 5, 7, "gpt-4o", "parallel", ASKED, 4, null,
                    Ratings.Source.RATE));
            List<RatingEvent> events = new JdbiLearningLog(db, clock).after(0, 10);
            assertThat(events).singleElement().satisfies(e -> assertThat(e.credited())
                    .containsExactly("gpt-4o", "gpt-4o-mini", "claude-3-5-haiku", "strategy:parallel"));
        }
    }

    private double expected(QualityModel quality, String question) {
        TaskProfile profile = analyzer.analyze(question, List.of());
        return quality.assess(profile, question).expected(MINI);
    }
}
