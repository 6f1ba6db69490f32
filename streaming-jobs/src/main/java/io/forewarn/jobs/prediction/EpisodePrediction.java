package io.forewarn.jobs.prediction;

import io.forewarn.contracts.service.PredictedFailure;
import java.time.Instant;

/**
 * A prediction with the degradation episode it belongs to (when the anomaly was first confirmed), so decisions can
 * tell a worsening of the same wear from a new one after a repair.
 */
public record EpisodePrediction(PredictedFailure prediction, Instant episodeStart) {}
