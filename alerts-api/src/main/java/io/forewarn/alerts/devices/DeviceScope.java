package io.forewarn.alerts.devices;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.db.Select;

/**
 * Tenancy: which devices a caller may see. Staff see all; a customer their own devices; a technician the
 * devices of the tickets assigned to them. Rows outside the scope are simply not found.
 */
public final class DeviceScope {
    private DeviceScope() {}

    /** Restricts {@code select} to rows whose {@code deviceColumn} is a device the caller may see. */
    public static Select restrict(Select select, String deviceColumn, Caller caller) {
        return switch (caller.role()) {
            case ADMIN, PLANNER -> select;
            case CUSTOMER -> select.where(deviceColumn
                    + " IN (SELECT scope_d.device_id FROM devices scope_d WHERE scope_d.customer_id = ?)",
                    caller.customerId());
            case TECHNICIAN -> select.where(deviceColumn
                    + " IN (SELECT scope_t.device_id FROM tickets scope_t WHERE scope_t.assigned_technician = ?)",
                    caller.technicianId());
        };
    }
}
