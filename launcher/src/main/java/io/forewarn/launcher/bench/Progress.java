package io.forewarn.launcher.bench;

import java.io.PrintStream;

/** One progress line per step, rewritten in place ("\r") while the step runs, so a long run shows it is alive. */
final class Progress {
    private final PrintStream out;
    private String step;

    Progress(PrintStream out) {
        this.out = out;
    }

    /** Starts a new heading line. */
    void say(String line) {
        endStep();
        out.println(line);
    }

    void update(String step, long done, long total) {
        if (!step.equals(this.step)) {
            endStep();
            this.step = step;
        }
        out.printf("\r    %-10s %,d / %,d", step, done, total);
        out.flush();
    }

    /** Rewrites the current step's line with free text, for a step measured in time rather than in items. */
    void show(String step, String text) {
        if (!step.equals(this.step)) {
            endStep();
            this.step = step;
        }
        out.printf("\r    %-10s %s", step, text);
        out.flush();
    }

    /** Ends the current step's line with its result. */
    void done(String result) {
        if (step != null) {
            out.println("  " + result);
            step = null;
        } else {
            out.println("    " + result);
        }
    }

    private void endStep() {
        if (step != null) {
            out.println();
            step = null;
        }
    }
}
