package io.forewarn.alerts.technicians;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Who should go: a technician qualifies for a ticket when they work in the device's region, have the skill its
 * failure mode needs, have capacity left and do not hold the ticket already. Qualified technicians rank by
 * load (open assignments / capacity), then by open assignments, then by id, so the choice is repeatable.
 */
public final class Dispatcher {
    private Dispatcher() {}

    /** One technician's standing for a ticket, with the reasons for it. */
    public record Candidate(Technician technician, boolean qualified, List<String> reasons) {
        public JsonObject toJson(int rank) {
            return technician.toJson()
                    .put("rank", rank)
                    .put("qualified", qualified)
                    .put("reasons", new JsonArray(reasons));
        }
    }

    /** What a ticket asks of its technician. */
    public record Need(String region, String requiredSkill, String currentTechnician) {}

    /** Every technician, qualified ones first in the order auto-assignment would pick them. */
    public static List<Candidate> rank(Need need, List<Technician> technicians) {
        Comparator<Candidate> byLoad = Comparator.comparingDouble((Candidate c) -> c.technician().load())
                .thenComparingInt(c -> c.technician().openAssignments())
                .thenComparing(c -> c.technician().technicianId());
        return technicians.stream()
                .map(technician -> assess(need, technician))
                .sorted(Comparator.comparing((Candidate c) -> !c.qualified()).thenComparing(byLoad))
                .toList();
    }

    /** The technician auto-assignment picks, if anyone qualifies. */
    public static Optional<Candidate> best(List<Candidate> ranked) {
        return ranked.stream().filter(Candidate::qualified).findFirst();
    }

    /** Why a technician does not qualify; empty when they do. */
    public static List<String> objections(Need need, Technician technician) {
        List<String> objections = new ArrayList<>();
        if (!technician.region().equals(need.region())) {
            objections.add("works in region " + technician.region() + ", the device is in " + need.region());
        }
        if (!technician.skills().contains(need.requiredSkill())) {
            objections.add("lacks the skill " + need.requiredSkill());
        }
        if (technician.openAssignments() >= technician.capacity()) {
            objections.add("at capacity (" + technician.openAssignments() + "/" + technician.capacity() + ")");
        }
        if (technician.technicianId().equals(need.currentTechnician())) {
            objections.add("already holds this ticket");
        }
        return objections;
    }

    private static Candidate assess(Need need, Technician technician) {
        List<String> objections = objections(need, technician);
        if (!objections.isEmpty()) {
            return new Candidate(technician, false, objections);
        }
        return new Candidate(technician, true, List.of(
                "works in region " + need.region(),
                "has the skill " + need.requiredSkill(),
                "load " + technician.openAssignments() + "/" + technician.capacity()));
    }
}
