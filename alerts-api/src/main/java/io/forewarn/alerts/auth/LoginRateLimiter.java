package io.forewarn.alerts.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets that slow password guessing: each username may try {@code attemptsPerMinute} times a minute
 * (in a burst of as many), each client address five times that, so one address cannot spray many usernames.
 */
public final class LoginRateLimiter {
    static final int ADDRESS_FACTOR = 5;
    /** Full buckets are forgotten past this many keys, so the map cannot grow without bound. */
    private static final int MAX_TRACKED_KEYS = 10_000;

    private final int attemptsPerMinute;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public LoginRateLimiter(int attemptsPerMinute) {
        this(attemptsPerMinute, System::nanoTime);
    }

    LoginRateLimiter(int attemptsPerMinute, LongSupplier nanoClock) {
        this.attemptsPerMinute = attemptsPerMinute;
        this.nanoClock = nanoClock;
    }

    /** Takes one attempt for this username and address; false when either has none left. */
    public boolean tryAcquire(String username, String address) {
        long now = nanoClock.getAsLong();
        if (buckets.size() > MAX_TRACKED_KEYS) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        TokenBucket user = buckets.computeIfAbsent("user:" + username, k -> new TokenBucket(attemptsPerMinute, now));
        TokenBucket client = buckets.computeIfAbsent("addr:" + address,
                k -> new TokenBucket(attemptsPerMinute * ADDRESS_FACTOR, now));
        // Take from both or neither, so a refused attempt does not drain the other bucket.
        synchronized (this) {
            if (user.available(now) >= 1 && client.available(now) >= 1) {
                user.take();
                client.take();
                return true;
            }
            return false;
        }
    }

    /** Seconds until a username bucket gains one attempt back, for the Retry-After header. */
    public long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(60.0 / attemptsPerMinute));
    }
}
