package io.forewarn.jobs.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State from another build's layout is set aside whole and kept; state of this build's layout is resumed from. */
class StateLayoutTest {
    @TempDir
    Path dataDir;

    @Test
    void stateWrittenBeforeLayoutsWereRecordedIsSetAsideAndKept() throws Exception {
        Path state = dataDir.resolve("flink");
        Path savepoint = savepoint(state, "savepoint-1");

        Optional<Path> aside = StateLayout.claim(state, "B");

        assertThat(aside).isPresent();
        assertThat(aside.get().getFileName().toString()).startsWith("flink-layout-unknown-");
        assertThat(aside.get().resolve(state.relativize(savepoint)).resolve("_metadata")).exists();
        assertThat(LocalJobRunner.newestState(state)).as("nothing left to resume from").isEmpty();
        assertThat(Files.readString(state.resolve(StateLayout.FILE)).trim()).isEqualTo("B");
    }

    @Test
    void stateOfAnotherLayoutIsSetAside_stateOfThisLayoutIsResumedFrom() throws Exception {
        Path state = dataDir.resolve("flink");
        StateLayout.claim(state, "A");
        savepoint(state, "savepoint-1");

        assertThat(StateLayout.claim(state, "A")).as("same layout").isEmpty();
        assertThat(LocalJobRunner.newestState(state)).isPresent();

        Optional<Path> aside = StateLayout.claim(state, "B");
        assertThat(aside).hasValueSatisfying(p -> assertThat(p.getFileName().toString()).startsWith("flink-layout-A-"));
        assertThat(LocalJobRunner.newestState(state)).isEmpty();
    }

    @Test
    void anEmptyOrNewDirectoryIsSimplyClaimed() throws Exception {
        Path state = dataDir.resolve("flink");

        assertThat(StateLayout.claim(state, "B")).isEmpty();
        assertThat(StateLayout.claim(state, "C")).as("no state in it yet, so nothing to set aside").isEmpty();
        assertThat(Files.readString(state.resolve(StateLayout.FILE)).trim()).isEqualTo("C");
    }

    private static Path savepoint(Path state, String name) throws Exception {
        Path dir = Files.createDirectories(state.resolve("savepoints").resolve(name));
        Files.writeString(dir.resolve("_metadata"), "x");
        return dir;
    }
}
