package io.forewarn.jobs.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which build's keyed state a local state directory holds. The job's state classes change shape between builds (the
 * per-device baseline above all), and a savepoint written by another layout would not restore, or worse, restore
 * into wrong fields. So a directory whose layout is not this build's is set aside whole, next to it, and the job
 * starts fresh, saying so, instead of failing to start or scoring from garbage.
 */
public final class StateLayout {
    /** Bump whenever a keyed state class of the job changes incompatibly. */
    public static final String CURRENT = "2026-11-26.2";
    static final String FILE = "state-layout.txt";
    private static final Logger LOG = LoggerFactory.getLogger(StateLayout.class);

    private StateLayout() {}

    /**
     * Makes {@code stateDirectory} hold state of layout {@code layout}: keeps it when it already does (or holds no
     * state), otherwise moves it to a sibling named for the old layout and the time. Returns where it went, if moved.
     */
    static Optional<Path> claim(Path stateDirectory, String layout) throws IOException {
        Path marker = stateDirectory.resolve(FILE);
        Optional<Path> moved = Optional.empty();
        String found = Files.exists(marker) ? Files.readString(marker, StandardCharsets.UTF_8).trim() : "unknown";
        if (!layout.equals(found) && Files.isDirectory(stateDirectory) && LocalJobRunner.newestState(stateDirectory).isPresent()) {
            String stamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(':', '-');
            Path aside = stateDirectory.resolveSibling(stateDirectory.getFileName() + "-layout-" + found + "-" + stamp);
            Files.move(stateDirectory, aside);
            LOG.warn("The job's state in {} was written by another build (state layout {}, this build {}); it is kept in"
                    + " {} and the job starts fresh", stateDirectory, found, layout, aside);
            moved = Optional.of(aside);
        }
        Files.createDirectories(stateDirectory);
        Files.writeString(marker, layout + System.lineSeparator(), StandardCharsets.UTF_8);
        return moved;
    }
}
