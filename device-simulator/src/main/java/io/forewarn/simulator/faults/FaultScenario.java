package io.forewarn.simulator.faults;

import io.forewarn.contracts.catalog.FailureMode;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.simulator.Seeds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Which devices of a fleet develop which fault, and when; deterministic per seed.
 *
 * <p>The demo timing: onset {@code onsetBeforeStart} before the sim start (wear was already under way), failure
 * between {@code earliestFailure} and {@code latestFailure} after it, on a whole hour. With the defaults (2 days
 * before; 3 to 5 days after) and a 3600× speed-up, degradation is detectable within a minute of wall time while the
 * failure is still days ahead in sim time.
 *
 * @param degradingDevices how many devices get a fault
 * @param kinds handed out in turn: the first degrading device gets {@code kinds[0]}, the second {@code kinds[1]}, …
 */
public record FaultScenario(
        int degradingDevices,
        List<FaultKind> kinds,
        Duration onsetBeforeStart,
        Duration earliestFailure,
        Duration latestFailure) {

    private static final long SCENARIO_STREAM = 0x5CE7A;

    public FaultScenario {
        kinds = List.copyOf(kinds);
        Objects.requireNonNull(onsetBeforeStart, "onsetBeforeStart");
        if (degradingDevices < 0) throw new IllegalArgumentException("degradingDevices must not be negative");
        if (kinds.isEmpty()) throw new IllegalArgumentException("kinds must name at least one fault kind");
        if (earliestFailure.isNegative() || earliestFailure.isZero() || latestFailure.compareTo(earliestFailure) < 0) {
            throw new IllegalArgumentException("need 0 < earliestFailure <= latestFailure, got " + earliestFailure + ", " + latestFailure);
        }
    }

    /** The demo scenario: onset 2 days before start, failure 3 to 5 days after. */
    public static FaultScenario demo(int degradingDevices, List<FaultKind> kinds) {
        return new FaultScenario(degradingDevices, kinds, Duration.ofDays(2), Duration.ofDays(3), Duration.ofDays(5));
    }

    /**
     * Faults by device index (0-based, position in {@code deviceModels}). Degrading devices are taken from each
     * product model in turn (so faults spread over the models), shuffled within a model by the seed; each model
     * cycles through its failure modes from a seeded starting point. Models without failure modes are skipped.
     *
     * @throws IllegalArgumentException when there are fewer devices with failure modes than {@code degradingDevices}
     */
    public Map<Integer, Fault> assign(List<ProductModel> deviceModels, Instant start, long seed) {
        SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, SCENARIO_STREAM));
        Map<String, List<Integer>> candidates = new LinkedHashMap<>();
        for (int i = 0; i < deviceModels.size(); i++) {
            if (!deviceModels.get(i).failureModes().isEmpty()) {
                candidates.computeIfAbsent(deviceModels.get(i).id(), id -> new ArrayList<>()).add(i);
            }
        }
        int available = candidates.values().stream().mapToInt(List::size).sum();
        if (degradingDevices > available) {
            throw new IllegalArgumentException("cannot degrade " + degradingDevices + " devices: only " + available + " have failure modes");
        }
        Map<String, Integer> firstMode = new LinkedHashMap<>();
        for (Map.Entry<String, List<Integer>> e : candidates.entrySet()) {
            shuffle(e.getValue(), rng);
            firstMode.put(e.getKey(), rng.nextInt(Integer.MAX_VALUE));
        }
        long failureWindowHours = latestFailure.minus(earliestFailure).toHours();
        Map<Integer, Fault> faults = new LinkedHashMap<>();
        int round = 0;
        while (faults.size() < degradingDevices) {
            for (Map.Entry<String, List<Integer>> e : candidates.entrySet()) {
                if (faults.size() == degradingDevices || round >= e.getValue().size()) continue;
                int device = e.getValue().get(round);
                List<FailureMode> modes = deviceModels.get(device).failureModes();
                FailureMode mode = modes.get((firstMode.get(e.getKey()) + round) % modes.size());
                FaultKind kind = kinds.get(faults.size() % kinds.size());
                Instant failureAt = start.plus(earliestFailure).plus(Duration.ofHours(rng.nextLong(failureWindowHours + 1)));
                Instant onsetAt = start.minus(onsetBeforeStart);
                faults.put(device, switch (kind) {
                    case GRADUAL -> Fault.gradual(mode, onsetAt, failureAt);
                    case INTERMITTENT -> Fault.intermittent(mode, onsetAt, failureAt, Seeds.mix(seed, SCENARIO_STREAM, device));
                    case SUDDEN -> Fault.sudden(mode, failureAt);
                });
            }
            round++;
        }
        return faults;
    }

    private static void shuffle(List<Integer> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Integer tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }
}
