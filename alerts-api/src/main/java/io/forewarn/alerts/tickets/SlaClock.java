package io.forewarn.alerts.tickets;

import io.forewarn.alerts.db.Select;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Locale;

/**
 * The two promises of a ticket: a first response by {@code firstResponseDue} (kept when the ticket first left
 * OPEN by then) and a resolution by {@code resolutionDue} (kept when it reached RESOLVED by then). A running clock
 * is ON_TRACK, AT_RISK (less than a quarter of its time left) or BREACHED; a stopped one MET or MISSED, as recorded
 * when it stopped. The same rule is offered as SQL conditions, so the list filter agrees with what a ticket shows.
 */
public final class SlaClock {
    /** A running clock is at risk when less than 1/{@value} of its time is left. */
    static final int AT_RISK_DIVISOR = 4;

    /** A ticket's overall SLA state: the worst of its two clocks. */
    public enum State {
        ON_TRACK, AT_RISK, BREACHED;

        public static State fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /** Which promise a breach is about. */
    public enum Kind { FIRST_RESPONSE, RESOLUTION }

    /** The columns a ticket's clocks are computed from. */
    public record Times(String status, Instant openedAt, Instant firstResponseDue, Instant firstRespondedAt,
            Boolean firstResponseMet, Instant resolutionDue, Instant resolvedAt, Boolean resolutionMet) {}

    // Breached: recorded as missed, or still undecided with the due time passed. IS FALSE keeps the result non-null.
    private static final String FIRST_RESPONSE_BREACHED =
            "(t.first_response_met IS FALSE OR (t.first_response_met IS NULL AND t.first_response_due < ?))";
    private static final String RESOLUTION_BREACHED =
            "(t.resolution_met IS FALSE OR (t.resolution_met IS NULL AND t.resolution_due < ?))";
    private static final String FIRST_RESPONSE_AT_RISK = "(t.first_responded_at IS NULL AND t.status = 'OPEN'"
            + " AND t.first_response_due >= ? AND t.first_response_due - ? < (t.first_response_due - t.opened_at) / "
            + AT_RISK_DIVISOR + ")";
    private static final String RESOLUTION_AT_RISK = "(t.status NOT IN ('RESOLVED', 'CLOSED')"
            + " AND t.resolution_due >= ? AND t.resolution_due - ? < (t.resolution_due - t.opened_at) / "
            + AT_RISK_DIVISOR + ")";
    private static final String BREACHED = "(" + FIRST_RESPONSE_BREACHED + " OR " + RESOLUTION_BREACHED + ")";
    private static final String AT_RISK = "(" + FIRST_RESPONSE_AT_RISK + " OR " + RESOLUTION_AT_RISK + ")";

    private final Clock clock;

    public SlaClock(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * @return {@code {state, firstResponse, resolution}}, each clock {@code {dueAt, stoppedAt, remainingSeconds,
     *     state, met}}, plus the first-response fields of the original contract ({@code firstResponseDue, respondedAt,
     *     remainingSeconds, breached}); remainingSeconds counts down to 0 while a clock runs and is null once stopped
     */
    public JsonObject state(Times times) {
        Instant now = clock.instant();
        boolean awaitingResponse = times.firstRespondedAt() == null && "OPEN".equals(times.status());
        boolean awaitingResolution = !TicketStatus.isResolved(times.status());
        JsonObject firstResponse = clock(now, times.openedAt(), times.firstResponseDue(), times.firstRespondedAt(),
                times.firstResponseMet(), awaitingResponse);
        JsonObject resolution = clock(now, times.openedAt(), times.resolutionDue(), times.resolvedAt(),
                times.resolutionMet(), awaitingResolution);
        return new JsonObject()
                .put("firstResponseDue", times.firstResponseDue().toString())
                .put("respondedAt", text(times.firstRespondedAt()))
                .put("remainingSeconds", firstResponse.getValue("remainingSeconds"))
                .put("breached", isBreached(firstResponse))
                .put("state", worst(firstResponse, resolution).name())
                .put("firstResponse", firstResponse)
                .put("resolution", resolution);
    }

    private static JsonObject clock(Instant now, Instant start, Instant due, Instant stoppedAt, Boolean met,
            boolean running) {
        JsonObject state = new JsonObject().put("dueAt", due.toString()).put("stoppedAt", text(stoppedAt));
        if (running) {
            Duration remaining = Duration.between(now, due);
            String runningState = now.isAfter(due) ? State.BREACHED.name()
                    : remaining.compareTo(Duration.between(start, due).dividedBy(AT_RISK_DIVISOR)) < 0
                            ? State.AT_RISK.name() : State.ON_TRACK.name();
            return state.put("remainingSeconds", Math.max(0, remaining.toSeconds()))
                    .put("state", runningState)
                    .putNull("met");
        }
        // A clock stopped without a recorded verdict (history written before the verdicts were) is judged now.
        boolean kept = met != null ? met : !now.isAfter(due);
        return state.putNull("remainingSeconds").put("state", kept ? "MET" : "MISSED").put("met", kept);
    }

    private static boolean isBreached(JsonObject clock) {
        String state = clock.getString("state");
        return state.equals(State.BREACHED.name()) || state.equals("MISSED");
    }

    private static State worst(JsonObject firstResponse, JsonObject resolution) {
        if (isBreached(firstResponse) || isBreached(resolution)) {
            return State.BREACHED;
        }
        boolean atRisk = State.AT_RISK.name().equals(firstResponse.getString("state"))
                || State.AT_RISK.name().equals(resolution.getString("state"));
        return atRisk ? State.AT_RISK : State.ON_TRACK;
    }

    /** Restricts {@code select} (over {@code tickets t}) to tickets whose overall state at {@code now} is {@code state}. */
    public static Select whereState(Select select, State state, Instant now) {
        return switch (state) {
            case BREACHED -> select.where(BREACHED, times(now, 2));
            case AT_RISK -> select.where("NOT " + BREACHED + " AND " + AT_RISK, times(now, 6));
            case ON_TRACK -> select.where("NOT " + BREACHED + " AND NOT " + AT_RISK, times(now, 6));
        };
    }

    /** The condition (over {@code tickets t}) under which {@code kind}'s promise is broken at a bound instant (one {@code ?}). */
    public static String breachedCondition(Kind kind) {
        return kind == Kind.FIRST_RESPONSE ? FIRST_RESPONSE_BREACHED : RESOLUTION_BREACHED;
    }

    private static Object[] times(Instant now, int count) {
        return Collections.nCopies(count, now).toArray();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
