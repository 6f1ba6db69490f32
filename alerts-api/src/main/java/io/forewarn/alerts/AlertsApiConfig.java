package io.forewarn.alerts;

import io.forewarn.contracts.config.EnvSettings;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the alerts API, read from {@code FOREWARN_API_*} environment variables.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>FOREWARN_API_HOST</td><td>127.0.0.1</td><td>address the HTTP server binds</td></tr>
 *   <tr><td>FOREWARN_API_PORT</td><td>8080</td><td>HTTP port; 0 picks a free one</td></tr>
 *   <tr><td>FOREWARN_API_JWT_SECRET</td><td>(generated)</td><td>HS256 signing secret, at least 32 characters;
 *       when absent a random one is generated at start, so tokens do not survive a restart</td></tr>
 *   <tr><td>FOREWARN_API_TOKEN_TTL</td><td>PT8H</td><td>lifetime of an issued token, ISO-8601 duration</td></tr>
 *   <tr><td>FOREWARN_API_LOGIN_ATTEMPTS_PER_MINUTE</td><td>10</td><td>login attempts allowed per username
 *       (five times as many per client address)</td></tr>
 * </table>
 *
 * @param jwtSecret null when none was configured
 */
public record AlertsApiConfig(
        String httpHost, int httpPort, String jwtSecret, Duration tokenTtl, int loginAttemptsPerMinute) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(8);
    public static final int DEFAULT_LOGIN_ATTEMPTS_PER_MINUTE = 10;
    /** HS256 needs a key at least as long as its 256-bit hash. */
    public static final int MIN_SECRET_LENGTH = 32;

    public AlertsApiConfig {
        if (httpHost == null || httpHost.isBlank()) {
            throw new IllegalArgumentException("httpHost must not be blank");
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("httpPort must be 0..65535, was " + httpPort);
        }
        if (jwtSecret != null && jwtSecret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("jwtSecret must have at least " + MIN_SECRET_LENGTH + " characters");
        }
        if (tokenTtl == null || tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("tokenTtl must be positive, was " + tokenTtl);
        }
        if (loginAttemptsPerMinute < 1) {
            throw new IllegalArgumentException("loginAttemptsPerMinute must be at least 1, was " + loginAttemptsPerMinute);
        }
    }

    /** Defaults everywhere, with the given port (0 = random) and a generated secret. */
    public static AlertsApiConfig defaults(int httpPort) {
        return new AlertsApiConfig(DEFAULT_HOST, httpPort, null, DEFAULT_TOKEN_TTL, DEFAULT_LOGIN_ATTEMPTS_PER_MINUTE);
    }

    public static AlertsApiConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    /** Reads the variables from {@code env}; a malformed value is an error naming the variable. */
    public static AlertsApiConfig fromEnv(Map<String, String> env) {
        EnvSettings settings = new EnvSettings(env);
        return new AlertsApiConfig(
                env.getOrDefault("FOREWARN_API_HOST", DEFAULT_HOST),
                settings.integer("FOREWARN_API_PORT", DEFAULT_PORT),
                settings.string("FOREWARN_API_JWT_SECRET", null),
                settings.duration("FOREWARN_API_TOKEN_TTL", DEFAULT_TOKEN_TTL),
                settings.integer("FOREWARN_API_LOGIN_ATTEMPTS_PER_MINUTE", DEFAULT_LOGIN_ATTEMPTS_PER_MINUTE));
    }

    public AlertsApiConfig withJwtSecret(String secret) {
        return new AlertsApiConfig(httpHost, httpPort, secret, tokenTtl, loginAttemptsPerMinute);
    }

    public AlertsApiConfig withLoginAttemptsPerMinute(int attempts) {
        return new AlertsApiConfig(httpHost, httpPort, jwtSecret, tokenTtl, attempts);
    }

    @Override
    public String toString() {
        // Never print the secret.
        return "AlertsApiConfig[httpHost=" + httpHost + ", httpPort=" + httpPort
                + ", jwtSecret=" + (jwtSecret == null ? "(generated)" : "(set)")
                + ", tokenTtl=" + tokenTtl + ", loginAttemptsPerMinute=" + loginAttemptsPerMinute + "]";
    }
}
