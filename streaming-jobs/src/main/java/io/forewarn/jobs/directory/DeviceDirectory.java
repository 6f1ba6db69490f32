package io.forewarn.jobs.directory;

import io.forewarn.ingest.validation.DeviceRegistry;
import java.util.Optional;

/**
 * Looks up registered devices; the job opens it on each task and closes it on shutdown. It is also the ingest's
 * {@link DeviceRegistry}: a device the directory does not know is handled by {@code FOREWARN_INGEST_UNKNOWN_DEVICES}.
 */
public interface DeviceDirectory extends DeviceRegistry {
    @Override
    void open();

    Optional<DeviceRecord> find(String deviceId);

    @Override
    default boolean isRegistered(String deviceId) {
        return find(deviceId).isPresent();
    }

    @Override
    default void close() {}
}
