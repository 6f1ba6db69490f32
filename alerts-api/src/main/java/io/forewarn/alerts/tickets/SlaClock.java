package io.forewarn.alerts.tickets;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The first-response promise of a ticket: due at {@code firstResponseDue}, kept when the ticket first left
 * OPEN by then. While nobody has responded the clock runs; once someone has, it is stopped for good.
 */
public final class SlaClock {
    private final Clock clock;

    public SlaClock(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param respondedAt when the ticket first left OPEN, null if it never did
     * @param status the ticket's current status
     * @return {@code {firstResponseDue, respondedAt, remainingSeconds, breached}}; remainingSeconds counts down
     *     to 0 while awaiting a response and is null once responded
     */
    public JsonObject state(Instant firstResponseDue, Instant respondedAt, String status) {
        boolean awaiting = respondedAt == null && "OPEN".equals(status);
        JsonObject state = new JsonObject()
                .put("firstResponseDue", firstResponseDue.toString())
                .put("respondedAt", respondedAt == null ? null : respondedAt.toString());
        if (awaiting) {
            long remaining = Duration.between(clock.instant(), firstResponseDue).toSeconds();
            return state.put("remainingSeconds", Math.max(0, remaining)).put("breached", remaining < 0);
        }
        boolean late = respondedAt != null && respondedAt.isAfter(firstResponseDue);
        return state.putNull("remainingSeconds").put("breached", late);
    }
}
