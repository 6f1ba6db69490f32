package io.forewarn.jobs;

import java.time.Duration;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;

/** Per-device state is forgotten when a device stays silent, so the job's state stays bounded as fleets churn. */
public final class DeviceState {
    /** How long state outlives a device's last reading (processing time). */
    public static final Duration FORGET_SILENT_AFTER = Duration.ofDays(30);

    private DeviceState() {}

    public static <D extends StateDescriptor<?, ?>> D forgottenWhenSilent(D descriptor) {
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(FORGET_SILENT_AFTER)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        return descriptor;
    }
}
