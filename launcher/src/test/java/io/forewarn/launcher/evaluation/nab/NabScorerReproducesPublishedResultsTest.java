package io.forewarn.launcher.evaluation.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scorer is right when it reproduces NAB's published final scores of two detectors from their published per-row
 * outputs, at the thresholds NAB published for them: to within 0.1 points on every profile.
 */
class NabScorerReproducesPublishedResultsTest {
    /** As `./forewarn evaluate --nab` finds it: $FOREWARN_NAB_DIR, else beside the repository (tests run in launcher/). */
    static final Path NAB = System.getenv("FOREWARN_NAB_DIR") != null
            ? Path.of(System.getenv("FOREWARN_NAB_DIR")) : Path.of("../../shared/datasets/nab");

    @ParameterizedTest
    @ValueSource(strings = {"numenta", "windowedGaussian"})
    void reproducesThePublishedScoresWithinATenthOfAPointOnEveryProfile(String detector) {
        boolean present = Files.isDirectory(NAB.resolve("results").resolve(detector));
        if (!present) {
            // Loud, not silent: the scorer's validation needs the NAB corpus, which lives outside the repository.
            System.err.println("NabScorerReproducesPublishedResultsTest DID NOT RUN for " + detector + ": NAB data not at "
                    + NAB.toAbsolutePath().normalize() + " (set FOREWARN_NAB_DIR)");
        }
        Assumptions.assumeTrue(present, "NAB data not at " + NAB.toAbsolutePath().normalize() + " (set FOREWARN_NAB_DIR)");
        NabCorpus corpus = NabCorpus.open(NAB);
        List<DetectorOutput> outputs = corpus.files().stream().map(f -> corpus.publishedOutput(detector, f)).toList();
        NabScorer scorer = new NabScorer(outputs);
        for (NabProfile profile : corpus.profiles()) {
            NabScorer.Outcome outcome = scorer.scoreAt(profile, corpus.publishedThreshold(detector, profile.name()));
            double published = corpus.publishedScore(detector, profile.name());
            NabScorer.Outcome best = scorer.best(profile);
            System.out.printf("%s %s: ours %.9f published %.9f residual %.2e; sweep best %.9f at %.6f (published threshold %.6f)%n",
                    detector, profile.name(), outcome.normalisedScore(), published, outcome.normalisedScore() - published,
                    best.normalisedScore(), best.threshold(), outcome.threshold());
            assertThat(outcome.normalisedScore()).as("%s, %s profile", detector, profile.name())
                    .isCloseTo(published, within(0.1));
            // NAB's own optimiser found the published threshold; an exhaustive sweep can only match or beat it.
            assertThat(best.rawScore()).as("sweep, %s, %s profile", detector, profile.name())
                    .isGreaterThanOrEqualTo(outcome.rawScore() - 1e-9);
        }
    }
}
