package io.forewarn.jobs.sinks;

import java.io.Serializable;
import java.time.Duration;

/**
 * The time-series store written through the InfluxDB v2 write API: InfluxDB itself, or QuestDB, which accepts the same writes.
 *
 * @param url e.g. http://localhost:8086 (InfluxDB) or QuestDB's HTTP port
 * @param token InfluxDB API token; QuestDB ignores it
 * @param batchSize points per write; a batch is sent when it is full
 * @param flushInterval the longest a point waits in a batch that does not fill up before the batch is sent anyway
 * @param giveUpAfter how long a batch is retried while the store is down before the job fails and restores its last checkpoint
 */
public record TimeSeriesSettings(String url, String token, String org, String bucket, int batchSize, Duration flushInterval,
        Duration giveUpAfter) implements Serializable {

    public TimeSeriesSettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the time-series store needs a URL (FOREWARN_INFLUX_URL)");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("FOREWARN_INFLUX_BATCH_SIZE=" + batchSize + ": at least 1 point per write");
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("FOREWARN_INFLUX_FLUSH_INTERVAL=" + flushInterval + ": must be longer than zero");
        }
        if (giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("FOREWARN_INFLUX_GIVE_UP_AFTER=" + giveUpAfter + ": must not be negative");
        }
    }

    @Override
    public String toString() {
        return "TimeSeriesSettings[url=" + url + ", org=" + org + ", bucket=" + bucket + ", batchSize=" + batchSize
                + ", flushInterval=" + flushInterval + ", giveUpAfter=" + giveUpAfter + "]";
    }
}
