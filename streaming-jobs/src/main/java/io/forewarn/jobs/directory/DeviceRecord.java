package io.forewarn.jobs.directory;

import java.io.Serializable;
import java.time.LocalDate;

/** What the decisions need to know about a registered device and its owner. */
public record DeviceRecord(
        String deviceId,
        String productModel,
        String customerId,
        String language,
        String channel,
        String region,
        LocalDate warrantyEnd) implements Serializable {

    public boolean underWarrantyOn(LocalDate day) {
        return !day.isAfter(warrantyEnd);
    }
}
