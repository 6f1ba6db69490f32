package io.forewarn.simulator.replay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Pattern;

/**
 * How a file writes its timestamps, detected from its first data row and then required of every row:
 * ISO-8601 date-times ({@code 2026-11-25T06:00:00Z}, {@code 2026-11-25T14:00:00+08:00}; without an offset, and with
 * a space instead of {@code T}, they are read as UTC), or seconds or milliseconds since 1970-01-01T00:00:00Z
 * (a fraction is allowed). A number below 10^11 is seconds, from 10^11 on milliseconds: 10^11 seconds is the year
 * 5138, 10^11 milliseconds is March 1973, so data from before 1973 in milliseconds is misread and must be converted.
 */
public enum TimestampFormat {
    ISO_8601("an ISO-8601 date-time like 2026-11-25T06:00:00Z"),
    EPOCH_SECONDS("seconds since 1970 (a number below 100000000000)"),
    EPOCH_MILLIS("milliseconds since 1970 (a number of at least 100000000000)");

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final BigDecimal MILLIS_FROM = BigDecimal.valueOf(100_000_000_000L);
    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .toFormatter();

    private final String description;

    TimestampFormat(String description) {
        this.description = description;
    }

    /** What this format looks like, for error messages. */
    public String description() {
        return description;
    }

    /** The format of {@code value}, a file's first timestamp. */
    public static TimestampFormat detect(String value) {
        String v = value.trim();
        if (NUMBER.matcher(v).matches()) {
            return new BigDecimal(v).abs().compareTo(MILLIS_FROM) < 0 ? EPOCH_SECONDS : EPOCH_MILLIS;
        }
        ISO_8601.parse(v);  // fails with the description when it is none of them
        return ISO_8601;
    }

    /**
     * The instant {@code value} stands for in this format.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public Instant parse(String value) {
        String v = value.trim();
        try {
            if (this == ISO_8601) {
                TemporalAccessor parsed = ISO.parseBest(v, OffsetDateTime::from, LocalDateTime::from);
                return parsed instanceof OffsetDateTime odt ? odt.toInstant() : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            }
            if (!NUMBER.matcher(v).matches()) throw new NumberFormatException();
            BigDecimal number = new BigDecimal(v);
            boolean millis = number.abs().compareTo(MILLIS_FROM) >= 0;
            if (millis != (this == EPOCH_MILLIS)) throw new NumberFormatException();
            BigDecimal nanos = number.movePointRight(this == EPOCH_MILLIS ? 6 : 9);
            BigDecimal[] split = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
            return Instant.ofEpochSecond(split[0].longValueExact(), split[1].longValue());
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            String hint = value.isBlank() ? "nothing" : "'" + value + "'";
            throw new IllegalArgumentException("expected " + description + " (the format of the file's first row), got " + hint);
        }
    }
}
