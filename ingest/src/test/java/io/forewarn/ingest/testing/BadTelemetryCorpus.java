package io.forewarn.ingest.testing;

import io.forewarn.ingest.validation.RejectReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The bad payloads of {@code src/test/resources/bad-telemetry/}, each with the topic it is sent on and the reason
 * and field it must be rejected with, as {@code index.csv} lists them. The expectations hold with
 * {@code ValidationConfig.defaults()} at {@link #NOW}.
 */
public final class BadTelemetryCorpus {
    /** The "now" the corpus's event times are judged against. */
    public static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private BadTelemetryCorpus() {}

    /** One bad payload and what it must produce. */
    public record BadPayload(String file, String topic, RejectReason reason, String field, byte[] payload) {
        @Override
        public String toString() {
            return file + " -> " + reason + (field == null ? "" : " " + field);
        }
    }

    public static List<BadPayload> payloads() {
        String index = new String(resource("bad-telemetry/index.csv"), StandardCharsets.UTF_8);
        return index.lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split(",", -1))
                .map(cols -> new BadPayload(cols[0], cols[1], RejectReason.valueOf(cols[2]), cols[3].isEmpty() ? null : cols[3],
                        resource("bad-telemetry/" + cols[0])))
                .toList();
    }

    private static byte[] resource(String name) {
        try (InputStream in = BadTelemetryCorpus.class.getClassLoader().getResourceAsStream(name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
