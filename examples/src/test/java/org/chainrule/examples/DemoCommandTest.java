package org.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    private static final Pattern TEST_ACCURACY = Pattern.compile("(?m)^ +test accuracy +(\\d+\\.\\d)%$");

    @TempDir
    Path dir;

    private final Console console = new Console();

    /** Reads a PNG and checks its size. */
    static void assertPng(Path file, int width, int height) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " was not written");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " is not an image ImageIO can read");
        assertEquals(width, image.getWidth(), file.toString());
        assertEquals(height, image.getHeight(), file.toString());
    }

    @Test
    void theDemoChecksTrainsReportsAndDrawsEndToEnd() throws IOException {
        Path out = dir.resolve("pictures");
        assertEquals(0, console.run("demo", "--epochs", "60", "--out", out.toString()), console.both());
        String text = console.out();
        List<String> steps = List.of("1. Data: two interleaved spirals", "2. Network: a graph with skip connections",
                "3. Gradient check: all 625 derivatives", "4. Training: Adam", "5. Result after 60 epochs:",
                "6. Pictures:");
        int at = 0;
        for (String step : steps) {
            int found = text.indexOf(step, at);
            assertTrue(found >= 0, "missing or out of order: " + step + "\n" + text);
            at = found;
        }
        assertTrue(text.startsWith("Chainrule demo: "), text);
        assertTrue(text.contains("\nproducts: "), text);
        assertTrue(text.contains("h1 = h0 + tanh(h0 W1 + b1)"), text);
        assertTrue(Pattern.compile("worst \\|error\\| \\d\\.\\de-\\d\\d .* PASS").matcher(text).find(), text);
        assertTrue(text.contains("training: 60 epochs of 50 steps"), "plain progress lines off a terminal\n" + text);
        for (String label : new String[] {"train loss", "test loss", "train accuracy", "test accuracy"}) {
            assertTrue(Pattern.compile("(?m)^ +" + label + " +\\d+\\.\\d+%?$").matcher(text).find(), label + "\n" + text);
        }
        Matcher accuracy = TEST_ACCURACY.matcher(text);
        assertTrue(accuracy.find(), text);
        assertTrue(Double.parseDouble(accuracy.group(1)) >= 90, "the spirals are learned even in 60 epochs\n" + text);

        Path curves = out.resolve("demo-curves.png");
        Path boundary = out.resolve("demo-boundary.png");
        assertPng(curves, TrainingRun.CURVES_WIDTH, TrainingRun.CURVES_HEIGHT);
        assertPng(boundary, TrainingRun.BOUNDARY_WIDTH, TrainingRun.BOUNDARY_HEIGHT);
        assertTrue(text.contains(curves.toAbsolutePath().normalize().toString()), text);
        assertTrue(text.contains(boundary.toAbsolutePath().normalize().toString()), text);
        Path graphDot = out.resolve("demo-graph.dot");
        String dot = java.nio.file.Files.readString(graphDot);
        assertTrue(dot.startsWith("digraph") && dot.contains("sigmoid cross-entropy") && dot.contains("grad"), dot);
        assertTrue(text.contains("wrote " + graphDot), text);
        assertTrue(dot.contains("label=\"TRAINED: the weights after"), "the picture says it is trained: " + dot);
        Path untrained = out.resolve("demo-graph-untrained.dot");
        String before = java.nio.file.Files.readString(untrained);
        assertTrue(before.contains("label=\"UNTRAINED: the initial weights, loss"), before);
        assertTrue(text.contains("the network's graph before training") && text.contains("wrote " + untrained), text);
        Path page = out.resolve("demo-backward.html");
        String html = java.nio.file.Files.readString(page);
        assertTrue(html.contains("id=\"trace-data\"") && html.contains("sigmoid cross-entropy"), "a backward page");
        assertTrue(text.contains("step by step in a browser: " + page.toAbsolutePath().normalize()), text);
        assertEquals("", console.err());
    }

    @Test
    void fewerThanOneEpochIsAUsageError() {
        assertEquals(2, console.run("demo", "--epochs", "0", "--out", dir.toString()));
        assertTrue(console.err().contains("--epochs must be at least 1, got 0"), console.err());
        assertTrue(console.err().contains("Usage: chainrule demo"), console.err());
        assertEquals("", console.out());
    }
}
