package org.chainrule.examples.progress;

import java.io.PrintWriter;

/**
 * Plain lines for output that is not a terminal, about {@value #LINES} per run. With at least
 * {@value #LINES} epochs it reports every k-th epoch (and the first and the last); with fewer,
 * it reports every epoch and, in between, the running means every {@code total / }{@value #LINES}
 * steps, so a long single epoch (MNIST) still shows signs of life.
 */
final class PlainProgress extends CountingProgress {
    /** About how many progress lines a run prints. */
    static final int LINES = 20;

    private final PrintWriter out;
    private long stepInterval;
    private int epochInterval;

    PlainProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    void started() {
        epochInterval = ceilDiv(epochs(), LINES);
        // Step lines only when epochs are too few to give LINES lines by themselves.
        stepInterval = epochs() >= LINES ? Long.MAX_VALUE : Math.max(1, ceilDiv(totalSteps(), LINES));
        out.println("training: " + epochs() + " epoch" + (epochs() == 1 ? "" : "s") + " of "
                + stepsPerEpoch() + " step" + (stepsPerEpoch() == 1 ? "" : "s"));
        out.flush();
    }

    @Override
    void stepped() {
        boolean lastOfEpoch = stepInEpoch() == stepsPerEpoch();
        if (stepsDone() % stepInterval == 0 && !lastOfEpoch) {
            out.println(epochOfPlan() + "  step " + stepInEpoch() + "/" + stepsPerEpoch() + "  " + lossLabel() + loss(meanLoss())
                    + accuracyPart("  accuracy ", meanAccuracy()));
            out.flush();
        }
    }

    @Override
    void ended(EpochMetrics m) {
        int epoch = m.epoch();
        if (epoch == 1 || epoch == epochs() || epoch % epochInterval == 0) {
            String line = "epoch " + epoch + "/" + epochs() + "  train loss " + loss(m.trainLoss())
                    + "  " + figure("train", m.trainAccuracy(), m.trainRmse());
            if (m.hasTest()) {
                line += "  test loss " + loss(m.testLoss()) + "  " + figure("test", m.testAccuracy(), m.testRmse());
            }
            out.println(line);
            out.flush();
        }
    }

    @Override
    void finished() {
        out.flush();
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
