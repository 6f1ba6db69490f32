package io.forewarn.jobs.sinks;

import java.io.Serializable;
import java.time.Duration;

/**
 * The time-series store written through the InfluxDB v2 write API: InfluxDB itself, or QuestDB, which accepts the same writes.
 *
 * @param url e.g. http://localhost:8086 (InfluxDB) or QuestDB's HTTP port
 * @param token InfluxDB API token; QuestDB ignores it
 * @param giveUpAfter how long a batch is retried while the store is down before the job fails and restores its last checkpoint
 */
public record TimeSeriesSettings(String url, String token, String org, String bucket, int batchSize, Duration giveUpAfter)
        implements Serializable {

    @Override
    public String toString() {
        return "TimeSeriesSettings[url=" + url + ", org=" + org + ", bucket=" + bucket + "]";
    }
}
