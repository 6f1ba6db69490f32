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
    private static final double NANOS_PER_MINUTE = 60e9;

    private final int attemptsPerMinute;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

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
        Bucket user = buckets.computeIfAbsent("user:" + username, k -> new Bucket(attemptsPerMinute, now));
        Bucket client = buckets.computeIfAbsent("addr:" + address,
                k -> new Bucket(attemptsPerMinute * ADDRESS_FACTOR, now));
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

    private static final class Bucket {
        private final int capacity;
        private double tokens;
        private long updatedAt;

        Bucket(int capacity, long now) {
            this.capacity = capacity;
            this.tokens = capacity;
            this.updatedAt = now;
        }

        synchronized double available(long now) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * capacity / NANOS_PER_MINUTE);
            updatedAt = now;
            return tokens;
        }

        synchronized void take() {
            tokens -= 1;
        }

        synchronized boolean isFull(long now) {
            return available(now) >= capacity;
        }
    }
}
