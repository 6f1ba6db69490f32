package io.forewarn.alerts.timeseries;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whose readings a training export returns: every device of one product model, or a set of devices.
 * Exactly one of the two is set.
 */
public record TrainingSelection(String productModel, Set<String> deviceIds) {
    /** More devices than this make one query too long to send; export in several selections instead. */
    public static final int MAX_DEVICES = 10_000;

    public TrainingSelection {
        if ((productModel == null) == (deviceIds == null)) {
            throw new IllegalArgumentException("select either a product model or a set of devices");
        }
        if (productModel != null) {
            TagValues.require("product model", productModel);
        } else {
            if (deviceIds.isEmpty() || deviceIds.size() > MAX_DEVICES) {
                throw new IllegalArgumentException("select 1 to " + MAX_DEVICES + " devices, got " + deviceIds.size());
            }
            deviceIds.forEach(id -> TagValues.require("device id", id));
            deviceIds = Collections.unmodifiableSortedSet(new TreeSet<>(deviceIds));  // a stable order for query text
        }
    }

    public static TrainingSelection productModel(String productModel) {
        return new TrainingSelection(productModel, null);
    }

    public static TrainingSelection devices(Set<String> deviceIds) {
        return new TrainingSelection(null, deviceIds);
    }

    @Override
    public String toString() {
        return productModel != null ? "product model " + productModel : deviceIds.size() + " devices";
    }
}
