package io.forewarn.contracts.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Reads typed settings from environment variables, so every config record of every module parses them alike and
 * names the variable in its error message.
 */
public final class EnvSettings {
    private final Map<String, String> env;

    public EnvSettings(Map<String, String> env) {
        this.env = env;
    }

    /** The value, or {@code fallback} when the variable is unset or blank. */
    public String string(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public int integer(String name, int fallback) {
        String value = string(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value + ": not an integer");
        }
    }

    /**
     * An ISO-8601 duration ({@code PT30S}, {@code P7D}) or a number of seconds; {@code 0} and {@code off} give
     * {@link Duration#ZERO}, which the records read as "check disabled" where they allow it.
     */
    public Duration duration(String name, Duration fallback) {
        String value = string(name, null);
        if (value == null) {
            return fallback;
        }
        if (value.equalsIgnoreCase("off")) {
            return Duration.ZERO;
        }
        try {
            return value.chars().allMatch(Character::isDigit)
                    ? Duration.ofSeconds(Long.parseLong(value))
                    : Duration.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value + ": not a duration (use seconds or ISO-8601, e.g. PT30S, P7D)");
        }
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type, E fallback) {
        String value = string(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + "=" + value + ": expected one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
