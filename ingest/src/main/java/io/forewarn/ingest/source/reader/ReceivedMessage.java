package io.forewarn.ingest.source.reader;

import io.forewarn.ingest.source.MqttRecord;

/**
 * A message on its way from the MQTT client thread to Flink, with what is needed to acknowledge it later.
 *
 * @param record what the source emits
 * @param session the session (connection) that received it, which must send the acknowledgement
 * @param messageId MQTT packet identifier; only meaningful on the connection it arrived on
 * @param connection which connection of {@code session} received it; an ack on a later connection would
 *     acknowledge whatever message the broker has since given that packet identifier
 */
record ReceivedMessage(MqttRecord record, MqttSession session, int messageId, long connection) {

    boolean needsAck() {
        return record.qos() > 0;
    }

    /** What acknowledging it needs, without the payload, which need not stay in memory while the ack waits. */
    Ack ack() {
        return new Ack(session, messageId, record.qos(), connection, record.receivedAtMillis());
    }

    /**
     * A pending acknowledgement: a checkpoint interval of them waits in {@link PendingAcks}, so it is kept small.
     *
     * @param receivedAtMillis when the message arrived, for the ack latency metric
     */
    record Ack(MqttSession session, int messageId, int qos, long connection, long receivedAtMillis) {}
}
