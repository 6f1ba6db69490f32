package io.forewarn.alerts.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {
    private final AtomicLong nanos = new AtomicLong();
    private final LoginRateLimiter limiter = new LoginRateLimiter(3, nanos::get);

    @Test
    void usernameGetsItsBurstThenWaitsForRefill() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("bob", "10.0.0.1")).isTrue();
        }
        assertThat(limiter.tryAcquire("bob", "10.0.0.2")).isFalse();

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(20)); // 3 a minute: one back every 20 s
        assertThat(limiter.tryAcquire("bob", "10.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("bob", "10.0.0.1")).isFalse();
    }

    @Test
    void oneAddressCannotSprayManyUsernames() {
        int allowed = 0;
        for (int i = 0; i < 30; i++) {
            if (limiter.tryAcquire("user" + i, "10.0.0.9")) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(3 * LoginRateLimiter.ADDRESS_FACTOR);
    }

    @Test
    void refusedAttemptDoesNotDrainTheOtherBucket() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("bob", "10.0.0.1");
        }
        // Bob's bucket is empty; these refusals must not use up the address's allowance.
        for (int i = 0; i < 20; i++) {
            limiter.tryAcquire("bob", "10.0.0.1");
        }
        assertThat(limiter.tryAcquire("alice", "10.0.0.1")).isTrue();
    }
}
