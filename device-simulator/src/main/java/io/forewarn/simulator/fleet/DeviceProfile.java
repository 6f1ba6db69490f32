package io.forewarn.simulator.fleet;

import java.time.LocalDate;
import java.util.List;

/**
 * Who owns a simulated product and its service terms: what the service side registers for each device.
 *
 * @param productModel catalog id of the product model, e.g. {@code AC-INV-12K}
 * @param language the customer's language for reminders, {@code "zh"} or {@code "en"}
 * @param region service region, one of {@link #REGIONS}
 * @param warrantyEnd last day of the warranty; service after it is paid
 */
public record DeviceProfile(
        String deviceId,
        String productModel,
        String customerId,
        String customerName,
        String language,
        String email,
        String region,
        LocalDate installedOn,
        LocalDate warrantyEnd) {

    /** The service regions devices are spread over. */
    public static final List<String> REGIONS = List.of("north", "south", "east", "west");

    /** True when a service visit on {@code day} is covered by the warranty. */
    public boolean underWarranty(LocalDate day) {
        return !day.isAfter(warrantyEnd);
    }
}
