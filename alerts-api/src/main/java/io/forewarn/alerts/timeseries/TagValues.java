package io.forewarn.alerts.timeseries;

/**
 * The device ids and product models a read accepts. They reach the stores as bound parameters (QuestDB) or as
 * escaped string literals (InfluxQL), so quotes are harmless; control characters are refused because no real id
 * has them and InfluxQL string literals cannot carry a line break.
 */
final class TagValues {
    static final int MAX_LENGTH = 256;

    private TagValues() {}

    static String require(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(what + " contains a control character at position " + i);
            }
        }
        return value;
    }
}
