package io.forewarn.alerts.notifications.channels;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on webhook calls: {@code sha256=} and the hex HMAC-SHA256, keyed with the shared secret, of the
 * timestamp header's value, a dot, and the raw body. Signing the timestamp lets a gateway refuse replays of an old
 * call. See docs/notifications.md for how a gateway verifies it.
 */
public final class WebhookSignature {
    public static final String TIMESTAMP_HEADER = "X-Forewarn-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Forewarn-Signature";
    /** The outbox delivery id: the same on every retry of one delivery, so a gateway can drop duplicates. */
    public static final String DELIVERY_HEADER = "X-Forewarn-Delivery";
    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "sha256=";

    private final SecretKeySpec key;

    public WebhookSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The signature header's value for a call sent at {@code epochSeconds} with {@code body}. */
    public String sign(long epochSeconds, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** True when {@code signature} is this key's signature of the timestamp and body (compared in constant time). */
    public boolean verify(String timestamp, String body, String signature) {
        long epochSeconds;
        try {
            epochSeconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        return signature != null && MessageDigest.isEqual(
                sign(epochSeconds, body).getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
    }
}
