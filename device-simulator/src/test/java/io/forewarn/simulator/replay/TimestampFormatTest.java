package io.forewarn.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampFormatTest {
    static final Instant T = Instant.parse("2026-11-25T06:00:00Z");

    @Test
    void detectsIsoSecondsAndMillisFromTheFirstValue() {
        assertThat(TimestampFormat.detect("2026-11-25T06:00:00Z")).isEqualTo(TimestampFormat.ISO_8601);
        assertThat(TimestampFormat.detect("2015-01-01 06:00:00")).isEqualTo(TimestampFormat.ISO_8601);
        assertThat(TimestampFormat.detect(String.valueOf(T.getEpochSecond()))).isEqualTo(TimestampFormat.EPOCH_SECONDS);
        assertThat(TimestampFormat.detect(String.valueOf(T.toEpochMilli()))).isEqualTo(TimestampFormat.EPOCH_MILLIS);
        assertThatThrownBy(() -> TimestampFormat.detect("yesterday")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyFormParsesToTheSameInstant() {
        assertThat(TimestampFormat.ISO_8601.parse("2026-11-25T06:00:00Z")).isEqualTo(T);
        assertThat(TimestampFormat.ISO_8601.parse("2026-11-25T14:00:00+08:00")).isEqualTo(T);
        assertThat(TimestampFormat.ISO_8601.parse("2026-11-25 06:00:00")).as("no offset: UTC").isEqualTo(T);
        assertThat(TimestampFormat.ISO_8601.parse("2026-11-25T06:00")).isEqualTo(T);
        assertThat(TimestampFormat.EPOCH_SECONDS.parse(String.valueOf(T.getEpochSecond()))).isEqualTo(T);
        assertThat(TimestampFormat.EPOCH_SECONDS.parse(T.getEpochSecond() + ".25")).isEqualTo(T.plusMillis(250));
        assertThat(TimestampFormat.EPOCH_MILLIS.parse(String.valueOf(T.toEpochMilli() + 7))).isEqualTo(T.plusMillis(7));
    }

    @Test
    void aValueInAnotherFormatThanTheFilesIsRejectedWithWhatWasExpected() {
        assertThatThrownBy(() -> TimestampFormat.ISO_8601.parse(String.valueOf(T.getEpochSecond())))
                .hasMessageStartingWith("expected an ISO-8601 date-time like 2026-11-25T06:00:00Z (the format of the file's first row), got '");
        assertThatThrownBy(() -> TimestampFormat.EPOCH_SECONDS.parse(String.valueOf(T.toEpochMilli())))
                .hasMessageContaining("expected seconds since 1970");
        assertThatThrownBy(() -> TimestampFormat.EPOCH_MILLIS.parse("")).hasMessageEndingWith("got nothing");
    }
}
