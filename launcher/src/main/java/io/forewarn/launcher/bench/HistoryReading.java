package io.forewarn.launcher.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/** A planner opening device charts: {@code GET /api/v1/devices/{id}/telemetry} over one range, a random device each time. */
final class HistoryReading implements ApiLoad.Client {
    private final String token;
    private final List<String> devices;
    private final String range;
    private final SplittableRandom random;

    /** @param resolution an ISO-8601 duration the API accepts, such as PT1H */
    HistoryReading(String token, List<String> devices, Instant from, Instant to, String resolution, SplittableRandom random) {
        this.token = token;
        this.devices = devices;
        this.range = "?from=" + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8)
                + "&to=" + URLEncoder.encode(to.toString(), StandardCharsets.UTF_8) + "&resolution=" + resolution;
        this.random = random;
    }

    @Override
    public String nextUri() {
        return "/api/v1/devices/" + devices.get(random.nextInt(devices.size())) + "/telemetry" + range;
    }

    @Override
    public String token() {
        return token;
    }
}
