package io.forewarn.ingest.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PendingAcksTest {
    private final PendingAcks<Integer> acks = new PendingAcks<>();

    @Test
    void nothingIsReleasedBeforeTheCoveringCheckpointCompletes() {
        acks.emitted(1);
        acks.emitted(2);
        assertThat(acks.checkpointCompleted(5)).isEmpty();

        acks.checkpointTaken(6);
        assertThat(acks.checkpointCompleted(5)).isEmpty();
        assertThat(acks.size()).isEqualTo(2);

        assertThat(acks.checkpointCompleted(6)).containsExactly(1, 2);
        assertThat(acks.size()).isZero();
    }

    @Test
    void messagesEmittedAfterASnapshotWaitForTheNextCheckpoint() {
        acks.emitted(1);
        acks.checkpointTaken(1);
        acks.emitted(2);

        assertThat(acks.checkpointCompleted(1)).containsExactly(1);
        assertThat(acks.size()).isEqualTo(1);
        acks.checkpointTaken(2);
        assertThat(acks.checkpointCompleted(2)).containsExactly(2);
    }

    @Test
    void completingALaterCheckpointReleasesEarlierOnesInArrivalOrder() {
        acks.emitted(10);
        acks.emitted(11);
        acks.checkpointTaken(1);
        acks.emitted(12);
        acks.checkpointTaken(2);
        acks.emitted(13);
        acks.checkpointTaken(3);
        acks.emitted(14);

        // Checkpoint 1's notification was lost (or it was subsumed); 2 completes.
        assertThat(acks.checkpointCompleted(2)).containsExactly(10, 11, 12);
        assertThat(acks.checkpointCompleted(3)).containsExactly(13);
        assertThat(acks.size()).isEqualTo(1);
    }

    @Test
    void anAbortedCheckpointKeepsItsMessagesForTheNextCompletedOne() {
        acks.emitted(1);
        acks.checkpointTaken(1);
        // Checkpoint 1 aborted: no completion; 2 is taken and completes.
        acks.emitted(2);
        acks.checkpointTaken(2);

        assertThat(acks.checkpointCompleted(2)).containsExactly(1, 2);
    }

    @Test
    void aRepeatedCompletionReleasesNothingTwice() {
        acks.emitted(1);
        acks.checkpointTaken(1);

        assertThat(acks.checkpointCompleted(1)).containsExactly(1);
        assertThat(acks.checkpointCompleted(1)).isEmpty();
    }
}
