package io.forewarn.jobs.sinks;

import java.time.Duration;
import java.util.Optional;

/** What a failed write to the time-series store means for the batch: try it again, or never. */
enum WriteFailure {
    /** No answer (refused, reset, timed out), 408, 429 or 5xx: the store is down or busy; retried with backoff. */
    UNAVAILABLE,
    /**
     * 401, 403 or 404: the token, organisation or bucket is wrong. Retried too, so an operator can fix the store's
     * side without the job losing its place, but logged as the configuration error it is.
     */
    NOT_ACCEPTED_HERE,
    /**
     * Any other 4xx (400 unparsable or mistyped line protocol, 413, 422): the store will never take this batch as it
     * is. Not retried: the job fails at once and restores its last checkpoint, so nothing is lost and the cause is
     * in the log, but it cannot get past the batch until the cause is fixed.
     */
    REJECTED;

    /** What the store's HTTP status means; 0 for no answer at all. */
    static WriteFailure of(int status) {
        if (status == 0 || status == 408 || status == 429 || status >= 500) {
            return UNAVAILABLE;
        }
        if (status == 401 || status == 403 || status == 404) {
            return NOT_ACCEPTED_HERE;
        }
        return REJECTED;
    }

    /** The wait a 429 or 503 asks for in its {@code Retry-After} header (whole seconds), when it says; null: no header. */
    static Optional<Duration> retryAfter(String header) {
        if (header == null) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            return Optional.empty(); // an HTTP date: the backoff decides instead
        }
    }
}
