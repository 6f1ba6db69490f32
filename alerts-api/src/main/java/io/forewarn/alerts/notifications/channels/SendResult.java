package io.forewarn.alerts.notifications.channels;

import java.time.Duration;

/** What one attempt to send a notice came to. */
public sealed interface SendResult {

    /** Handed over; {@code confirmed} when the receiving end said the customer has it (DELIVERED, not just SENT). */
    record Sent(boolean confirmed) implements SendResult {}

    /**
     * Not sent, but worth trying again (server down, timeout, 5xx, 429).
     *
     * @param notBefore the earliest retry the other side asked for (Retry-After), or null
     */
    record Retry(String error, Duration notBefore) implements SendResult {
        public Retry(String error) {
            this(error, null);
        }
    }

    /**
     * Not sent, and trying again would not help.
     *
     * @param reason a stable code: {@link #CHANNEL_NOT_CONFIGURED}, {@link #NO_ADDRESS}, {@link #REJECTED} or
     *               {@link #MAX_ATTEMPTS}
     */
    record Failed(String reason, String error) implements SendResult {}

    /** The API has no server for the channel the customer chose. */
    String CHANNEL_NOT_CONFIGURED = "CHANNEL_NOT_CONFIGURED";
    /** The customer has no address on the channel (no e-mail, no phone). */
    String NO_ADDRESS = "NO_ADDRESS";
    /** The server refused the notice for good (SMTP 5xx, HTTP 4xx). */
    String REJECTED = "REJECTED";
    /** Every allowed attempt ended in a retryable failure. */
    String MAX_ATTEMPTS = "MAX_ATTEMPTS";
}
