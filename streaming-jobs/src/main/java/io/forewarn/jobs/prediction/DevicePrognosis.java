package io.forewarn.jobs.prediction;

import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.service.DeterministicIds;
import io.forewarn.contracts.service.EstimateMethod;
import io.forewarn.contracts.service.EvidenceKind;
import io.forewarn.contracts.service.PredictedFailure;
import io.forewarn.contracts.service.Priority;
import io.forewarn.jobs.baseline.BaselineScore;
import io.forewarn.jobs.features.FeatureLayout;
import io.forewarn.jobs.models.ScoredReading;
import io.forewarn.jobs.models.TimeToFailureModel;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One device's prognosis, reading by reading: debounces anomaly flags (k of the last n), tracks each failure mode's
 * wear trend, and states a predicted failure when a confirmed anomaly matches a mode that is getting worse.
 * It speaks again only when the prediction escalates to a more urgent priority.
 */
public final class DevicePrognosis implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Debounce: at least K of the last N readings must be anomalous. */
    public static final int K = 6;
    public static final int N = 8;
    /**
     * Hysteresis on how far the device has moved along the mode's signature, in half-widths of the healthy range of
     * the signature's strongest sensor: an episode starts once the device has left its healthy range (1.0) and ends
     * when it is well back inside (0.5).
     */
    public static final double START = 1.0;
    public static final double END = 0.5;
    /** A trend that explains less of the progress's variance than this is noise, not wear. */
    public static final double MIN_FIT_QUALITY = 0.5;
    /** Failures further out than this are not actionable yet: no prediction is stated. */
    public static final Duration HORIZON = Duration.ofDays(30);
    /** The trend remembers about a day of 5-minute readings, which averages out daily cycles. */
    static final int TREND_MEMORY = 288;
    /**
     * The trend follows each mode's peak progress over the last 12 hours rather than every reading, so wear that
     * shows only now and then (an intermittent fault) still draws a rising line, and an episode does not end in
     * the quiet hours between its appearances.
     */
    static final double PEAK_WINDOW_HOURS = 12;
    /** A trend needs a full day of the device's history, so daily cycles are not mistaken for wear. */
    static final double MIN_TREND_HOURS = 24;

    /** What the supervised time-to-failure model is given about an episode, in this order. */
    public static final List<String> EPISODE_STATE = List.of("episodeHours", "peakProgress", "progress", "trendSlope",
            "trendFitQuality", "trendHoursToFailure", "scoreOverThreshold", "signatureSimilarity");

    private final boolean[] flags = new boolean[N];
    private int flagIndex;
    private final WearTrend[] trends;
    private final SlidingMax[] peaks;
    private Instant firstReading;

    private Instant episodeStart;
    private String episodeMode;
    private int predictionsInEpisode;
    private Priority lastPriority;
    // Per call, not state: the model is the job's, and the episode's state is read by training after each reading.
    private transient TimeToFailureModel timeToFailure;
    private transient double[] episodeState;

    public DevicePrognosis(int modes) {
        trends = new WearTrend[modes];
        peaks = new SlidingMax[modes];
        for (int m = 0; m < modes; m++) {
            trends[m] = new WearTrend(TREND_MEMORY);
            peaks[m] = new SlidingMax(PEAK_WINDOW_HOURS);
        }
    }

    public Optional<PredictedFailure> observe(ScoredReading reading, ProductModel model, FeatureLayout layout, SignatureMatch match) {
        Instant now = reading.features().eventTime();
        episodeState = null;
        double[] deviation = reading.features().normalised();
        if (firstReading == null) {
            firstReading = now;
        }
        double hours = Duration.between(firstReading, now).toMillis() / 3_600_000.0;
        double[] peak = new double[trends.length];
        for (int m = 0; m < trends.length; m++) {
            peak[m] = peaks[m].add(hours, match.progress(m, deviation));
            trends[m].add(hours, peak[m]);
        }
        flags[flagIndex] = reading.anomalous();
        flagIndex = (flagIndex + 1) % N;
        boolean confirmed = anomalousCount() >= K;

        int best = match.bestMode(deviation);
        double displacement = match.progress(best, deviation) * match.strongestShift(best);
        if (episodeStart == null) {
            if (!confirmed || displacement < START) {
                return Optional.empty();
            }
            episodeStart = now;
            episodeMode = match.mode(best);
            predictionsInEpisode = 0;
            lastPriority = null;
        } else if (!confirmed && peak[modeIndex(match, episodeMode)] * match.strongestShift(modeIndex(match, episodeMode)) < END) {
            episodeStart = null;
            episodeMode = null;
            return Optional.empty();
        }
        int mode = modeIndex(match, episodeMode);
        WearTrend trend = trends[mode];
        double similarity = Math.max(0, match.similarity(mode, deviation));
        double failureHour = trend.hoursAtFailure();
        episodeState = episodeState(hours, now, peak[mode], match.progress(mode, deviation), trend, reading, similarity);
        // The trend's estimate once it has a day of history and explains the wear; the supervised model's when it
        // has one and is more sure of it.
        double hoursLeft = Double.NaN;
        double confidence = 0;
        EstimateMethod method = EstimateMethod.TREND_EXTRAPOLATION;
        if (hours >= MIN_TREND_HOURS && !Double.isNaN(failureHour) && trend.fitQuality() >= MIN_FIT_QUALITY) {
            hoursLeft = failureHour - hours;
            confidence = trend.fitQuality() * similarity;
        }
        if (timeToFailure != null) {
            TimeToFailureModel.Estimate estimate = timeToFailure.estimate(episodeState);
            double supervisedConfidence = estimate.confidence() * similarity;
            // At the horizon it says "not soon": no failure time to state from it.
            if (estimate.hours() < HORIZON.toHours() && (Double.isNaN(hoursLeft) || supervisedConfidence > confidence)) {
                hoursLeft = estimate.hours();
                confidence = supervisedConfidence;
                method = EstimateMethod.SUPERVISED_MODEL;
            }
        }
        if (Double.isNaN(hoursLeft)) {
            return Optional.empty(); // anomalous but not (yet) clearly getting worse: no failure time to state
        }
        Instant failureAt = now.plusMillis((long) (Math.max(0, hoursLeft) * 3_600_000L));
        if (Duration.between(now, failureAt).compareTo(HORIZON) > 0) {
            return Optional.empty();
        }
        Priority priority = Priority.forTimeToFailure(Duration.between(now, failureAt));
        if (lastPriority != null && priority.compareTo(lastPriority) >= 0) {
            return Optional.empty(); // already said, and not more urgent now
        }
        lastPriority = priority;
        String id = DeterministicIds.of("prediction", reading.features().deviceId(), episodeMode, episodeStart, predictionsInEpisode++);
        double modeProgress = Math.max(0, Math.min(1, match.progress(mode, deviation)));
        return Optional.of(new PredictedFailure(PredictedFailure.SCHEMA_VERSION, id, reading.features().deviceId(),
                model.id(), episodeMode, now, failureAt, round(confidence), round(1 - modeProgress),
                round(reading.score()), round(reading.threshold()), reading.modelVersion(), method,
                evidence(reading, layout)));
    }

    /**
     * As {@link #observe(ScoredReading, ProductModel, FeatureLayout, SignatureMatch)}, with a supervised
     * time-to-failure model (null: none) whose estimate is taken when the trend has none or it is more confident.
     */
    public Optional<PredictedFailure> observe(ScoredReading reading, ProductModel model, FeatureLayout layout, SignatureMatch match,
                                              TimeToFailureModel timeToFailure) {
        this.timeToFailure = timeToFailure;
        try {
            return observe(reading, model, layout, match);
        } finally {
            this.timeToFailure = null;
        }
    }

    /**
     * The state of the current degradation episode after the last reading, as the supervised model sees it
     * ({@link #EPISODE_STATE}), or null when the device is not in an episode.
     */
    public double[] episodeState() {
        return episodeState;
    }

    private double[] episodeState(double hours, Instant now, double peak, double progress, WearTrend trend,
                                  ScoredReading reading, double similarity) {
        double failureHour = trend.hoursAtFailure();
        double horizonHours = HORIZON.toHours();
        double trendHoursLeft = Double.isNaN(failureHour) ? horizonHours : Math.max(0, Math.min(horizonHours, failureHour - hours));
        return new double[] {Duration.between(episodeStart, now).toMinutes() / 60.0, peak, progress, trend.slope(),
                trend.fitQuality(), trendHoursLeft, reading.score() / reading.threshold(), similarity};
    }

    /** The episode this device is in, as the time it was confirmed, or null when healthy. */
    public Instant episodeStart() {
        return episodeStart;
    }

    private int anomalousCount() {
        int count = 0;
        for (boolean flag : flags) {
            if (flag) count++;
        }
        return count;
    }

    private static int modeIndex(SignatureMatch match, String mode) {
        for (int m = 0; m < match.modeCount(); m++) {
            if (match.mode(m).equals(mode)) return m;
        }
        throw new IllegalStateException("unknown mode " + mode);
    }

    /**
     * The three features furthest from their healthy middle, and, when the device's own baseline raised an alarm on
     * the reading, the sensor it flagged against the range this device usually shows.
     */
    static List<PredictedFailure.Evidence> evidence(ScoredReading reading, FeatureLayout layout) {
        double[] z = reading.features().normalised();
        double[] values = reading.features().smoothed();
        List<PredictedFailure.Evidence> all = new ArrayList<>();
        for (int i = 0; i < layout.size(); i++) {
            all.add(new PredictedFailure.Evidence(layout.name(i), layout.unit(i), round(values[i]), round(layout.baseline(i)),
                    round(z[i]), EvidenceKind.PRODUCT_MODEL));
        }
        all.sort(Comparator.comparingDouble((PredictedFailure.Evidence e) -> Math.abs(e.deviation())).reversed());
        List<PredictedFailure.Evidence> top = new ArrayList<>(all.subList(0, Math.min(3, all.size())));
        BaselineScore own = reading.features().baseline();
        if (own.alarm()) {
            top.add(ownBaseline(own, layout));
        }
        return List.copyOf(top);
    }

    /** The baseline's sensor against the middle of this device's usual range, in half-widths of that range. */
    static PredictedFailure.Evidence ownBaseline(BaselineScore own, FeatureLayout layout) {
        double middle = (own.usualLow() + own.usualHigh()) / 2;
        double halfWidth = (own.usualHigh() - own.usualLow()) / 2;
        double deviation = halfWidth > 0 ? (own.value() - middle) / halfWidth : 0;
        int index = layout.indexOf(own.sensor());
        return new PredictedFailure.Evidence(own.sensor(), index < 0 ? null : layout.unit(index),
                round(own.value()), round(middle), round(deviation), EvidenceKind.DEVICE_BASELINE);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
