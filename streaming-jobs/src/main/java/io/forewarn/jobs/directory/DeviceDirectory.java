package io.forewarn.jobs.directory;

import java.io.Serializable;
import java.util.Optional;

/** Looks up registered devices; the job opens it on each task and closes it on shutdown. */
public interface DeviceDirectory extends Serializable, AutoCloseable {
    void open();

    Optional<DeviceRecord> find(String deviceId);

    @Override
    default void close() {}
}
