package io.forewarn.alerts.auth;

import io.forewarn.alerts.http.ApiProblem;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Bounds how often one user may change things: every authenticated write of the contract (anything but GET) takes
 * a token from the user's {@link TokenBucket}; without one it answers 429 with Retry-After. Login has its own
 * limiter ({@link LoginRateLimiter}), since there nobody is authenticated yet.
 */
public final class WriteRateLimiter {
    /** Full buckets are forgotten past this many users, so the map cannot grow without bound. */
    private static final int MAX_TRACKED_USERS = 10_000;

    private final int writesPerMinute;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public WriteRateLimiter(int writesPerMinute) {
        this(writesPerMinute, System::nanoTime);
    }

    WriteRateLimiter(int writesPerMinute, LongSupplier nanoClock) {
        if (writesPerMinute < 1) {
            throw new IllegalArgumentException("writesPerMinute must be at least 1, was " + writesPerMinute);
        }
        this.writesPerMinute = writesPerMinute;
        this.nanoClock = nanoClock;
    }

    /** Puts the limit in front of the handlers of every write operation; call before mounting the handlers. */
    public void applyTo(RouterBuilder builder) {
        for (OpenAPIRoute route : builder.getRoutes()) {
            if (route.getOperation().getHttpMethod() != HttpMethod.GET) {
                route.addHandler(handler());
            }
        }
    }

    Handler<RoutingContext> handler() {
        return rc -> {
            // Unauthenticated writes (login) are limited elsewhere.
            if (rc.user() == null) {
                rc.next();
                return;
            }
            String username = Caller.of(rc).username();
            long now = nanoClock.getAsLong();
            if (buckets.size() > MAX_TRACKED_USERS) {
                buckets.values().removeIf(bucket -> bucket.isFull(now));
            }
            TokenBucket bucket = buckets.computeIfAbsent(username, k -> new TokenBucket(writesPerMinute, now));
            if (!bucket.tryTake(now)) {
                rc.response().putHeader("Retry-After", String.valueOf(bucket.secondsUntilNext(now)));
                rc.fail(new ApiProblem(429, "Too Many Requests", "more than " + writesPerMinute
                        + " changes a minute by " + username + "; try again later"));
                return;
            }
            rc.next();
        };
    }
}
