package io.forewarn.alerts.notifications;

import java.time.Instant;
import java.util.List;

/**
 * Why a delivery waits instead of going out now, and until when. Notices are held, never dropped.
 *
 * <p>Quiet hours hold every notice, urgent ones too: an urgent ticket is urgent for the service team (its
 * first-response clock runs regardless), while waking the customer rarely changes what happens next. The frequency
 * cap does not hold a notice of an URGENT ticket: a capped week could delay it by days. It still counts towards the
 * cap.
 *
 * @param reason QUIET_HOURS or FREQUENCY_CAP
 */
public record Hold(String reason, Instant until) {
    public static final String QUIET_HOURS = "QUIET_HOURS";
    public static final String FREQUENCY_CAP = "FREQUENCY_CAP";

    /**
     * The hold for a notice about to go out at {@code now}, or null when it may go.
     *
     * @param quiet the customer's quiet hours, or null
     * @param capExempt true for a notice the cap does not hold: an urgent one, or one already counted because it
     *                  went out on another channel
     * @param recent when the customer's other notices of the last week went out, oldest first
     */
    public static Hold decide(QuietHours quiet, FrequencyCap cap, boolean capExempt, List<Instant> recent, Instant now) {
        Instant quietEnd = quiet == null ? null : quiet.endAfter(now);
        if (quietEnd != null) {
            return new Hold(QUIET_HOURS, quietEnd);
        }
        Instant capEnd = capExempt ? null : cap.heldUntil(recent, now);
        return capEnd == null ? null : new Hold(FREQUENCY_CAP, capEnd);
    }
}
