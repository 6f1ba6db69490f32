package io.forewarn.jobs.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.exceptions.InfluxException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import retrofit2.Response;

/** Which failed writes the sink retries and for how long it waits; the store's answers as the client reports them. */
class WriteFailureTest {

    @Test
    void noAnswerTimeoutsThrottlingAndServerErrorsAreRetried() {
        assertThat(WriteFailure.of(new InfluxException(new SocketTimeoutException("timeout")))).isEqualTo(WriteFailure.UNAVAILABLE);
        for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
            assertThat(WriteFailure.of(answer(status, null))).as("HTTP %d", status).isEqualTo(WriteFailure.UNAVAILABLE);
        }
    }

    @Test
    void credentialsAndAMissingBucketAreRetriedAsConfiguration_otherClientErrorsAreRejectedAtOnce() {
        for (int status : new int[] {401, 403, 404}) {
            assertThat(WriteFailure.of(answer(status, null))).as("HTTP %d", status).isEqualTo(WriteFailure.NOT_ACCEPTED_HERE);
        }
        for (int status : new int[] {400, 413, 422}) {
            assertThat(WriteFailure.of(answer(status, null))).as("HTTP %d", status).isEqualTo(WriteFailure.REJECTED);
        }
    }

    @Test
    void aRetryAfterInSecondsIsHonoured_aDateOrNoneLeavesItToTheBackoff() {
        assertThat(WriteFailure.retryAfter(answer(429, "7"))).contains(Duration.ofSeconds(7));
        assertThat(WriteFailure.retryAfter(answer(503, " 2 "))).contains(Duration.ofSeconds(2));
        assertThat(WriteFailure.retryAfter(answer(429, "Wed, 21 Oct 2026 07:28:00 GMT"))).isEmpty();
        assertThat(WriteFailure.retryAfter(answer(429, null))).isEmpty();
        assertThat(WriteFailure.retryAfter(new InfluxException(new SocketTimeoutException("timeout")))).isEmpty();
    }

    private static InfluxException answer(int status, String retryAfter) {
        okhttp3.Response.Builder raw = new okhttp3.Response.Builder()
                .code(status).message("status " + status).protocol(Protocol.HTTP_1_1)
                .request(new Request.Builder().url("http://store.example/api/v2/write").build());
        if (retryAfter != null) {
            raw.header("Retry-After", retryAfter);
        }
        ResponseBody body = ResponseBody.create("{\"code\":\"x\",\"message\":\"store says no\"}", MediaType.get("application/json"));
        return new InfluxException(Response.error(body, raw.build()));
    }
}
