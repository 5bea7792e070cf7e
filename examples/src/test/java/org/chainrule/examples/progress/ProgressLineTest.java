package org.chainrule.examples.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    private static String line(int width) {
        return ProgressLine.render(width, 450, 1000, 45, 100, 0.123456, 0.8125, 125);
    }

    @Test
    void atEightyColumnsEverythingIsWholeWithARealBar() {
        String line = line(80);
        assertTrue(line.length() <= 80, line.length() + ": " + line);
        assertTrue(line.startsWith("train  45%  ["), line);
        assertTrue(line.contains("epoch 45/100  loss 0.1235  acc 81.3%  2:05 left"), line);
        Matcher bar = Pattern.compile("\\[(█*)(░*)\\]").matcher(line);
        assertTrue(bar.find(), line);
        int width = bar.group(1).length() + bar.group(2).length();
        assertTrue(width >= 15, "the bar is " + width + " wide at 80 columns: " + line);
        assertEquals(Math.round(0.45 * width), bar.group(1).length(), line);
    }

    @Test
    void narrowerLinesGiveUpWholePartsAndNeverCutANumber() {
        String previous = line(200);
        assertEquals(ProgressLine.MAX_BAR + 2, previous.substring(previous.indexOf('['), previous.indexOf(']') + 1)
                .length(), "the bar stops growing: " + previous);
        for (int width = 200; width >= 4; width--) {
            String line = line(width);
            assertTrue(line.length() <= width, width + ": " + line);
            for (String token : line.split(" +")) {
                boolean whole = token.matches("train|45%|\\[[█░]+\\]|epoch|45/100|loss|0\\.1235|acc|81\\.3%|2:05|left");
                assertTrue(whole, width + " columns, a cut or unknown part '" + token + "' in: " + line);
            }
            if (line.contains("acc")) {
                assertTrue(line.contains("acc 81.3%"), line);
            }
        }
        assertFalse(line(60).contains("left"), line(60));
        assertTrue(line(60).contains("acc 81.3%"), line(60));
        assertEquals("45%", line(4));
    }
}
