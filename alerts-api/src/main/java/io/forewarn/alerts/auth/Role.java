package io.forewarn.alerts.auth;

import java.util.Locale;

/** What a user is allowed to see: staff see everything, customers and technicians only their share. */
public enum Role {
    ADMIN,
    PLANNER,
    TECHNICIAN,
    CUSTOMER;

    /** The lower-case name stored in {@code users.role} and carried in tokens. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean isStaff() {
        return this == ADMIN || this == PLANNER;
    }
}
