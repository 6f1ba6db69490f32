package io.forewarn.alerts.notifications;

/**
 * Where one delivery of a reminder on one channel stands. QUEUED → SENDING → SENT (or DELIVERED when the channel
 * confirms receipt); on the way it may be HELD (quiet hours, frequency cap) or wait to RETRY; FAILED is final.
 */
public enum DeliveryState {
    QUEUED,
    SENDING,
    SENT,
    DELIVERED,
    HELD,
    RETRY,
    FAILED;

    /** No worker will touch the delivery again. */
    public boolean isFinal() {
        return this == SENT || this == DELIVERED || this == FAILED;
    }
}
