package io.forewarn.launcher.evaluation;

import io.forewarn.launcher.training.CsvTraining;
import io.forewarn.simulator.faults.FaultKind;
import io.forewarn.simulator.truth.GroundTruth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Scores the tickets a run opened against the ground truth. A ticket is a true prediction when it names the
 * device's actual failure mode and was opened after the fault began and before the failure; opened after the
 * failure, it is a late (reactive) detection; anything else (a healthy device, another failure mode, before the
 * fault began) is a false ticket. For recorded data, where a failure's onset is unknown, the fault is taken to begin
 * {@link #RECORDED_WINDOW} before the failure.
 */
public record Scorecard(
        int failuresWithPrecursor,
        int predictedBeforeFailure,
        int predictedAtLeast24hAhead,
        int suddenFailures,
        int suddenPredicted,
        int tickets,
        int trueTickets,
        int lateTickets,
        int falseTickets,
        int wrongModeTickets,
        double deviceDays,
        Duration medianLead,
        Duration p10Lead,
        List<String> findings) {

    /** A ticket as the scorecard needs it. */
    public record Ticket(String deviceId, String failureMode, Instant openedAt) {}

    static final Duration IN_TIME = Duration.ofHours(24);

    /**
     * For recorded data the onset of a failure is unknown: a ticket counts as a prediction when it was opened at most
     * this long before the failure, the window training leaves out as possibly degrading.
     */
    public static final Duration RECORDED_WINDOW = CsvTraining.BEFORE_FAILURE;

    public static Scorecard score(List<GroundTruth> truth, List<Ticket> tickets, int devices, Duration span) {
        return score(truth, tickets, devices * span.toHours() / 24.0);
    }

    /**
     * Scores tickets against failures; a device may fail more than once (recorded data), and a failure without a
     * failure mode accepts a ticket of any mode.
     */
    public static Scorecard score(List<GroundTruth> truth, List<Ticket> tickets, double deviceDays) {
        int trueTickets = 0, late = 0, wrongMode = 0;
        List<String> findings = new ArrayList<>();
        for (Ticket k : tickets) {
            Optional<GroundTruth> t = failureFor(truth, k);
            if (t.isEmpty()) {
                findings.add("false   " + k.deviceId() + " " + k.failureMode() + " opened " + k.openedAt() + " (healthy device)");
            } else if (!sameMode(t.get(), k)) {
                wrongMode++;
                findings.add("false   " + k.deviceId() + " " + k.failureMode() + " opened " + k.openedAt()
                        + " (the device has " + t.get().failureMode() + ")");
            } else if (k.openedAt().isAfter(t.get().failureAt())) {
                late++;
            } else if (t.get().kind() != FaultKind.SUDDEN && k.openedAt().isBefore(windowStart(t.get()))) {
                findings.add("false   " + k.deviceId() + " " + k.failureMode() + " opened " + k.openedAt()
                        + (t.get().onsetAt() == null ? " (more than " + RECORDED_WINDOW.toDays() + " days before the failure)" : " (before the fault began)"));
            } else {
                trueTickets++;
            }
        }

        int withPrecursor = 0, predicted = 0, inTime = 0, sudden = 0, suddenPredicted = 0;
        List<Duration> leads = new ArrayList<>();
        for (GroundTruth t : truth) {
            Optional<Ticket> first = tickets.stream()
                    .filter(k -> k.deviceId().equals(t.deviceId()) && sameMode(t, k))
                    .filter(k -> !k.openedAt().isAfter(t.failureAt()))
                    .filter(k -> t.kind() == FaultKind.SUDDEN || !k.openedAt().isBefore(windowStart(t)))
                    .min(Comparator.comparing(Ticket::openedAt));
            if (t.kind() == FaultKind.SUDDEN) {
                sudden++;
                if (first.isPresent()) suddenPredicted++;
                continue;
            }
            withPrecursor++;
            if (first.isEmpty()) {
                findings.add("missed  " + t.deviceId() + " " + t.failureMode() + " (" + (t.kind() == null ? "recorded" : t.kind())
                        + (t.onsetAt() == null ? "" : ", onset " + t.onsetAt()) + ", failure " + t.failureAt() + ")");
                continue;
            }
            predicted++;
            Duration lead = Duration.between(first.get().openedAt(), t.failureAt());
            leads.add(lead);
            if (lead.compareTo(IN_TIME) >= 0) inTime++;
        }
        leads.sort(Comparator.naturalOrder());
        findings.sort(Comparator.naturalOrder());
        return new Scorecard(withPrecursor, predicted, inTime, sudden, suddenPredicted, tickets.size(), trueTickets, late,
                tickets.size() - trueTickets - late, wrongMode, deviceDays,
                quantile(leads, 0.5), quantile(leads, 0.1), List.copyOf(findings));
    }

    // The failure a ticket can be about: the device's first failure at or after it, else its last one (a late ticket).
    private static Optional<GroundTruth> failureFor(List<GroundTruth> truth, Ticket k) {
        List<GroundTruth> device = truth.stream().filter(g -> g.deviceId().equals(k.deviceId()))
                .sorted(Comparator.comparing(GroundTruth::failureAt)).toList();
        return device.stream().filter(g -> !g.failureAt().isBefore(k.openedAt())).findFirst()
                .or(() -> device.isEmpty() ? Optional.empty() : Optional.of(device.get(device.size() - 1)));
    }

    private static boolean sameMode(GroundTruth t, Ticket k) {
        return t.failureMode() == null || t.failureMode().equals(k.failureMode());
    }

    private static Instant windowStart(GroundTruth t) {
        return t.onsetAt() != null ? t.onsetAt() : t.failureAt().minus(RECORDED_WINDOW);
    }

    private static Duration quantile(List<Duration> sorted, double q) {
        if (sorted.isEmpty()) return Duration.ZERO;
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * (sorted.size() - 1))));
    }

    public double recallAtLeast24hAhead() {
        return failuresWithPrecursor == 0 ? 1 : (double) predictedAtLeast24hAhead / failuresWithPrecursor;
    }

    public double recallBeforeFailure() {
        return failuresWithPrecursor == 0 ? 1 : (double) predictedBeforeFailure / failuresWithPrecursor;
    }

    /** True predictions among the tickets that claimed to predict (late, reactive tickets excluded). */
    public double precision() {
        int predictions = trueTickets + falseTickets;
        return predictions == 0 ? 1 : (double) trueTickets / predictions;
    }

    public double falseTicketsPer1000DeviceDays() {
        return deviceDays == 0 ? 0 : falseTickets * 1000.0 / deviceDays;
    }

    /** The report, with each figure beside its target, then every miss and false ticket. */
    public String report() {
        return String.format("""
                failures with a precursor      %d
                  predicted before failure     %d  (recall %.3f)
                  predicted >= 24 h ahead      %d  (recall %.3f, target >= 0.95)
                  lead time, median            %.1f h  (target >= 48 h)
                  lead time, 10th percentile   %.1f h
                sudden failures (no precursor) %d, predicted %d (none can be: they are detected after the fact)
                tickets                        %d  (true %d, after the failure %d, false %d of which wrong failure mode %d)
                  precision                    %.3f
                  false tickets / 1000 device-days  %.2f  (target <= 1; %.0f device-days observed)
                """, failuresWithPrecursor, predictedBeforeFailure, recallBeforeFailure(), predictedAtLeast24hAhead,
                recallAtLeast24hAhead(), medianLead.toMinutes() / 60.0, p10Lead.toMinutes() / 60.0, suddenFailures,
                suddenPredicted, tickets, trueTickets, lateTickets, falseTickets, wrongModeTickets, precision(),
                falseTicketsPer1000DeviceDays(), deviceDays)
                + (findings.isEmpty() ? "" : "\n" + String.join("\n", findings) + "\n");
    }
}
