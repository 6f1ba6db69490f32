package io.forewarn.alerts.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** Signs and verifies the API's bearer tokens: HS256 JWTs carrying the caller's role and scope ids. */
public final class TokenIssuer {
    static final String ISSUER = "forewarn-alerts-api";
    private static final String ALGORITHM = "HS256";

    private final JWTAuth jwt;
    private final Duration ttl;
    public TokenIssuer(Vertx vertx, String secret, Duration ttl) {
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(secret))
                .setJWTOptions(new JWTOptions().setIssuer(ISSUER)));
        this.ttl = ttl;
    }

    /** The provider that checks signature, expiry and issuer of incoming tokens. */
    public JWTAuth verifier() {
        return jwt;
    }

    /** A fresh token for {@code caller}: {@code {token, role, expiresAt}}. */
    public JsonObject issue(Caller caller) {
        JsonObject claims = caller.claims();
        claims.getMap().values().removeIf(Objects::isNull);
        String token = jwt.generateToken(claims, new JWTOptions()
                .setAlgorithm(ALGORITHM)
                .setIssuer(ISSUER)
                .setExpiresInSeconds((int) ttl.toSeconds()));
        // The JWT library stamps exp from the system clock, so the reported expiry must use it too.
        Instant expiresAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(ttl);
        return new JsonObject()
                .put("token", token)
                .put("role", caller.role().wireName())
                .put("expiresAt", expiresAt.toString());
    }
}
