package io.forewarn.jobs.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** A shape memory learns the shapes a signal makes, tells a new one from them, and never holds more than it may. */
class ShapeMemoryTest {
    /** A cycle of {@code period} readings between 40 and 60 (a usual range of 40 to 60), with a little noise. */
    static double cycle(Random random, int i, int period) {
        return 50 + 10 * Math.sin(2 * Math.PI * i / period) + 0.3 * random.nextGaussian();
    }

    /** The lowest fit of the shapes completed by {@code readings} more readings of a cycle of {@code period}. */
    static double worstFit(ShapeMemory memory, Random random, int from, int readings, int period) {
        double worst = 1.0;
        for (int i = from; i < from + readings; i++) {
            double fit = memory.fitThenLearn(cycle(random, i, period));
            if (!Double.isNaN(fit)) {
                worst = Math.min(worst, fit);
            }
        }
        return worst;
    }

    @Test
    void learnsAStationarySignalThenFindsEveryShapeFamiliar() {
        ShapeMemory memory = new ShapeMemory(40, 20, 9); // 32 steps a day of 288 readings
        Random random = new Random(1);
        worstFit(memory, random, 0, 2 * 288, 288);
        assertThat(worstFit(memory, random, 2 * 288, 20 * 288, 288)).as("worst fit over twenty more days")
                .isGreaterThanOrEqualTo(SensorBaseline.NEW_SHAPE_FIT);
        // The noise founds a category now and then (about one every two days here), never a flood.
        assertThat(memory.categories()).as("categories after twenty-two days").isLessThan(ShapeMemory.CAPACITY / 2);
    }

    @Test
    void aShapeItHasNeverSeenFitsBadlyThoughItsValuesAreFamiliar() {
        ShapeMemory memory = new ShapeMemory(40, 20, 9);
        Random random = new Random(2);
        worstFit(memory, random, 0, 5 * 288, 288);
        // The same range, crossed eight times as fast: each step's mean now jumps between the extremes.
        assertThat(worstFit(memory, random, 0, 288, 36)).isLessThan(SensorBaseline.NEW_SHAPE_FIT);
    }

    @Test
    void theShapeInProgressIsComparedBeforeItsStepEnds() {
        ShapeMemory memory = new ShapeMemory(40, 20, 9);
        Random random = new Random(3);
        worstFit(memory, random, 0, 5 * 288, 288);
        assertThat(memory.fitOfShapeEndingWith(50)).as("a familiar value").isGreaterThan(0.9);
        // One reading far above the range pulls the step in progress to the range's top at once.
        assertThat(memory.fitOfShapeEndingWith(1e6)).as("a value far beyond the range").isLessThan(0.9);
    }

    @Test
    void holdsAtMostItsCapacityHoweverLongItRuns() throws Exception {
        ShapeMemory memory = new ShapeMemory(0, 1, 1);
        Random random = new Random(4);
        for (int i = 0; i < 100_000; i++) {
            memory.fitThenLearn(random.nextDouble()); // white noise: every shape of the cube, again and again
        }
        assertThat(memory.categories()).isEqualTo(ShapeMemory.CAPACITY);
        int full = SensorBaselineTest.serialisedBytes(memory);
        for (int i = 0; i < 100_000; i++) {
            memory.fitThenLearn(random.nextDouble());
        }
        assertThat(memory.categories()).isEqualTo(ShapeMemory.CAPACITY);
        assertThat(SensorBaselineTest.serialisedBytes(memory)).isEqualTo(full).isLessThan(1_100);
    }

    @Test
    void rejectsARangeOrStepThatMakesNoSense() {
        assertThatThrownBy(() -> new ShapeMemory(0, 0, 1)).hasMessageContaining("positive range width");
        assertThatThrownBy(() -> new ShapeMemory(0, 1, 0)).hasMessageContaining("positive range width and step");
    }
}
