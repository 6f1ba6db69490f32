package io.forewarn.contracts.service;

import java.time.Duration;

/** Ticket priority, derived from the predicted time to failure, with its first-response promise. */
public enum Priority {
    URGENT(Duration.ofHours(1), Duration.ofHours(24)),
    HIGH(Duration.ofHours(4), Duration.ofHours(72)),
    NORMAL(Duration.ofHours(24), Duration.ofDays(14)),
    LOW(Duration.ofHours(72), Duration.ofDays(30));

    private final Duration firstResponse;
    private final Duration failureHorizon;

    Priority(Duration firstResponse, Duration failureHorizon) {
        this.firstResponse = firstResponse;
        this.failureHorizon = failureHorizon;
    }

    /** How soon a planner must first respond to a ticket of this priority. */
    public Duration firstResponse() {
        return firstResponse;
    }

    /** Under 24 h to failure is urgent, under 72 h high, under 14 days normal, else low. */
    public static Priority forTimeToFailure(Duration timeToFailure) {
        for (Priority p : values()) {
            if (timeToFailure.compareTo(p.failureHorizon) < 0) {
                return p;
            }
        }
        return LOW;
    }
}
