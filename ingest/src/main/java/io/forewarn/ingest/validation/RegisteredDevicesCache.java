package io.forewarn.ingest.validation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;

/**
 * The registry's recent answers, so a device's every message is not a registry query. An answer is kept for the
 * time to live, then asked again: a device registered meanwhile is accepted after at most that long. Bounded,
 * evicting the least recently used device. Not thread-safe: one per parallel instance of the decode function.
 */
final class RegisteredDevicesCache {
    private final DeviceRegistry registry;
    private final long ttlMillis;
    private final Map<String, Answer> answers;
    private final Counter lookups;

    RegisteredDevicesCache(DeviceRegistry registry, long ttlMillis, int maxDevices, Counter lookups) {
        this.registry = registry;
        this.ttlMillis = ttlMillis;
        this.lookups = lookups;
        this.answers = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
                return size() > maxDevices;
            }
        };
    }

    boolean isRegistered(String deviceId, long nowMillis) {
        Answer cached = answers.get(deviceId);
        if (cached != null && nowMillis < cached.until()) {
            return cached.registered();
        }
        lookups.inc();
        boolean registered = registry.isRegistered(deviceId);
        if (ttlMillis > 0) {
            answers.put(deviceId, new Answer(registered, nowMillis + ttlMillis));
        }
        return registered;
    }

    private record Answer(boolean registered, long until) {}
}
