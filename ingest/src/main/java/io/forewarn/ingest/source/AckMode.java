package io.forewarn.ingest.source;

/** When the source acknowledges a QoS 1/2 message to the broker. */
public enum AckMode {
    /**
     * Acknowledge once the checkpoint that covers the message has completed: at-least-once. The job must have
     * checkpointing enabled, otherwise nothing is ever acknowledged and the broker stops sending once the client's
     * receive maximum of unacknowledged messages is reached.
     */
    ON_CHECKPOINT,
    /**
     * Acknowledge as soon as the message is queued for Flink. For jobs without checkpointing: a crash loses what
     * was queued but not yet processed.
     */
    ON_RECEIPT
}
