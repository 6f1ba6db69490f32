package io.forewarn.launcher.evaluation.nab;

import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import smile.math.MathEx;

/**
 * Runs the job's model training on one thread with a fixed random seed, so a NAB run scores the same every time.
 * Smile grows the forest's trees in a parallel stream, each worker thread drawing from its own random generator, so
 * the same data gives a slightly different forest per run (about 3 NAB points apart in our runs). A parallel stream
 * started inside a one-thread pool runs in that pool, on the one thread whose generator is seeded here.
 */
final class SeededTraining {
    private static final ForkJoinPool ONE_THREAD = new ForkJoinPool(1);

    private SeededTraining() {}

    static <T> T run(long seed, Supplier<T> training) {
        return ONE_THREAD.submit(() -> {
            MathEx.setSeed(seed);
            return training.get();
        }).join();
    }

    /** A seed fixed by the stream and the model version, so reordering files changes nothing. */
    static long seed(String file, int version) {
        return 31L * file.hashCode() + version;
    }
}
