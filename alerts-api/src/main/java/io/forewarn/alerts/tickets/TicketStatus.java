package io.forewarn.alerts.tickets;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The states of a ticket and the moves between them: OPEN → ASSIGNED → IN_PROGRESS → RESOLVED → CLOSED, with
 * reassignment (ASSIGNED or IN_PROGRESS → ASSIGNED) and REOPENED (from RESOLVED or CLOSED back into work).
 */
public enum TicketStatus {
    OPEN, ASSIGNED, IN_PROGRESS, RESOLVED, CLOSED, REOPENED;

    /** The states this one may move to. */
    public Set<TicketStatus> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(ASSIGNED);
            case ASSIGNED -> EnumSet.of(ASSIGNED, IN_PROGRESS);
            case IN_PROGRESS -> EnumSet.of(ASSIGNED, RESOLVED);
            case RESOLVED -> EnumSet.of(CLOSED, REOPENED);
            case CLOSED -> EnumSet.of(REOPENED);
            case REOPENED -> EnumSet.of(ASSIGNED, IN_PROGRESS);
        };
    }

    public boolean canMoveTo(TicketStatus target) {
        return next().contains(target);
    }

    /** Whether work on the ticket is finished (the resolution clock is stopped). */
    public boolean isResolved() {
        return this == RESOLVED || this == CLOSED;
    }

    static boolean isResolved(String status) {
        return fromWire(status).isResolved();
    }

    public static TicketStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
