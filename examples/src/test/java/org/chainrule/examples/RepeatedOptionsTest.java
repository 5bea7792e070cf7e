package org.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An option that takes one value, given twice, is a usage error for every command (exit 2, the
 * reason on the first line, no stack trace): the last one used to win silently, so that
 * {@code train --dataset circle --dataset xor} trained on xor.
 */
class RepeatedOptionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "train --dataset circle --dataset xor --epochs 1 | --dataset",
        "train --dataset circle --epochs 1 --epochs 2 | --epochs",
        "train --dataset circle --epochs 1 --lr 0.1 --lr 0.3 | --lr",
        "train --csv a.csv --csv b.csv --label y --epochs 1 | --csv",
        "gradcheck --seed 1 --seed 2 | --seed"})
    void aSingleValuedOptionGivenTwiceIsRefusedBeforeAnythingRuns(String arguments, String option) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(arguments.split(" "), new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(2, status, err.toString());
        String first = err.toString().lines().findFirst().orElse("");
        assertTrue(first.startsWith("option '" + option + "' (") && first.endsWith(") should be specified only once"),
                first);
        assertFalse(err.toString().contains("\tat "), err.toString());
        assertTrue(out.toString().isEmpty(), "nothing ran: " + out);
    }
}
