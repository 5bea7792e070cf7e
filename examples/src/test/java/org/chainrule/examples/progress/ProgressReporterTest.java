package org.chainrule.examples.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.chainrule.core.ChainruleException;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {
    private final StringWriter text = new StringWriter();
    private final ProgressReporter plain = ProgressReporter.plain(new PrintWriter(text));

    /** Runs a whole training loop: batch loss = its step number in the epoch, accuracy 0.5; epoch metrics fixed. */
    private static void train(ProgressReporter reporter, int epochs, int steps, boolean withTest) {
        reporter.start(epochs, steps);
        for (int e = 1; e <= epochs; e++) {
            for (int s = 1; s <= steps; s++) {
                reporter.step(e, s, 0.5);
            }
            reporter.epochEnd(withTest ? new EpochMetrics(e, 0.25, 0.875, 0.5, 0.8125) : EpochMetrics.trainOnly(e, 0.25, 0.875));
        }
        reporter.finish();
    }

    private List<String> lines() {
        return text.toString().lines().toList();
    }

    @Test
    void aRegressionShowsStandardisedBatchLossesAndEpochRmse() {
        plain.start(1, 30);
        for (int s = 1; s <= 30; s++) {
            plain.step(1, s, Double.NaN);
        }
        plain.epochEnd(new EpochMetrics(1, 4.5, Double.NaN, 6.25, Double.NaN, 2.125, 2.5));
        plain.finish();
        List<String> lines = lines();
        assertEquals("epoch 1/1  step 2/30  standardised loss 1.5000", lines.get(1));
        assertEquals("epoch 1/1  train loss 4.5000  train RMSE 2.125  test loss 6.2500  test RMSE 2.5",
                lines.get(lines.size() - 1));
    }

    @Test
    void withoutATerminalTheOutputIsPlainLines() {
        assertInstanceOf(PlainProgress.class, ProgressReporter.forOutput(new PrintWriter(text)));
    }

    @Test
    void manyEpochsAreReportedEveryKthEpochWithTheFirstAndLast() {
        train(plain, 50, 5, true);
        List<String> lines = lines();
        assertEquals("training: 50 epochs of 5 steps", lines.get(0));
        assertEquals("epoch 1/50  train loss 0.2500  train accuracy 87.5%  test loss 0.5000  test accuracy 81.3%",
                lines.get(1));
        assertTrue(lines.get(2).startsWith("epoch 3/50  "), lines.get(2));
        assertTrue(lines.get(lines.size() - 1).startsWith("epoch 50/50  "), lines.get(lines.size() - 1));
        // 1, 3, 6, ..., 48 and 50: about twenty lines, never one per step.
        assertEquals(1 + 1 + 16 + 1, lines.size(), String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(l -> l.contains("step ")), String.join("\n", lines));
    }

    @Test
    void fewLongEpochsAlsoReportRunningMeansBetweenEpochs() {
        train(plain, 2, 30, false);
        List<String> lines = lines();
        assertEquals("training: 2 epochs of 30 steps", lines.get(0));
        // A step line every 60 / 20 = 3 steps; batch losses 1, 2, 3 have mean 2.
        assertEquals("epoch 1/2  step 3/30  loss 2.0000  accuracy 50.0%", lines.get(1));
        assertEquals("epoch 2/2  step 3/30  loss 2.0000  accuracy 50.0%", lines.stream()
                .filter(l -> l.startsWith("epoch 2/2  step")).findFirst().orElseThrow());
        assertTrue(lines.contains("epoch 1/2  train loss 0.2500  train accuracy 87.5%"), String.join("\n", lines));
        assertTrue(lines.contains("epoch 2/2  train loss 0.2500  train accuracy 87.5%"), String.join("\n", lines));
        // Steps 3..57 by 3, except each epoch's last step (30 and 60), which the epoch line covers.
        assertEquals(18, lines.stream().filter(l -> l.contains(" step ")).count(), String.join("\n", lines));
        assertEquals(1 + 18 + 2, lines.size());
        assertFalse(text.toString().contains("test"), text.toString());
    }

    @Test
    void callsOutOfOrderAreRejected() {
        assertThrows(IllegalStateException.class, () -> plain.step(1, 0.5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> plain.start(0, 5));
        plain.start(1, 1);
        assertThrows(IllegalStateException.class, () -> plain.start(1, 1));
    }

    @Test
    void metricsMustBeFractionsAndEpochsCountFromOne() {
        assertThrows(ChainruleException.class, () -> new EpochMetrics(0, 1, 0.5, 1, 0.5));
        assertThrows(ChainruleException.class, () -> new EpochMetrics(1, 1, 81.5, 1, 0.5));
        assertThrows(ChainruleException.class, () -> new EpochMetrics(1, 1, Double.NaN, 1, 0.5));
        assertFalse(EpochMetrics.trainOnly(1, 0.5, 0.5).hasTest());
    }

    @Test
    void theTerminalBarEndsAtTheLastStepWithTheEpochReadout() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream terminal = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        train(new TerminalProgress(terminal, 160), 2, 3, true);
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        String lastFrame = drawn.substring(drawn.lastIndexOf('\r') + 1);
        assertTrue(lastFrame.contains("100%"), lastFrame);
        assertTrue(lastFrame.contains("6/6"), lastFrame);
        assertTrue(lastFrame.contains("epoch 2/2 loss 0.2500 acc 87.5%"), lastFrame);
    }
}
