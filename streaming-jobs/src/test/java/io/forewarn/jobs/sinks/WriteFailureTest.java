package io.forewarn.jobs.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which failed writes the sink retries and for how long it waits; the store's answers as HTTP gives them. */
class WriteFailureTest {

    @Test
    void noAnswerTimeoutsThrottlingAndServerErrorsAreRetried() {
        assertThat(WriteFailure.of(0)).as("no answer").isEqualTo(WriteFailure.UNAVAILABLE);
        for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
            assertThat(WriteFailure.of(status)).as("HTTP %d", status).isEqualTo(WriteFailure.UNAVAILABLE);
        }
    }

    @Test
    void credentialsAndAMissingBucketAreRetriedAsConfiguration_otherClientErrorsAreRejectedAtOnce() {
        for (int status : new int[] {401, 403, 404}) {
            assertThat(WriteFailure.of(status)).as("HTTP %d", status).isEqualTo(WriteFailure.NOT_ACCEPTED_HERE);
        }
        for (int status : new int[] {400, 413, 422}) {
            assertThat(WriteFailure.of(status)).as("HTTP %d", status).isEqualTo(WriteFailure.REJECTED);
        }
    }

    @Test
    void aRetryAfterInSecondsIsHonoured_aDateOrNoneLeavesItToTheBackoff() {
        assertThat(WriteFailure.retryAfter("7")).contains(Duration.ofSeconds(7));
        assertThat(WriteFailure.retryAfter(" 2 ")).contains(Duration.ofSeconds(2));
        assertThat(WriteFailure.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT")).isEmpty();
        assertThat(WriteFailure.retryAfter("-1")).isEmpty();
        assertThat(WriteFailure.retryAfter(null)).isEmpty();
    }
}
