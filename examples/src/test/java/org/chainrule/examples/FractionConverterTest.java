package org.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class FractionConverterTest {
    private final FractionConverter converter = new FractionConverter();

    @Test
    void aDecimalAndAPercentageMeanTheSame() {
        assertEquals(0.25, converter.convert("0.25"));
        assertEquals(0.25, converter.convert("25%"));
        assertEquals(0.125, converter.convert(" 12.5 % "));
        assertEquals(0.0, converter.convert("0"));
        assertEquals(1.5, converter.convert("150%"), "the range is the option's business");
    }

    @Test
    void anythingElseIsRejected() {
        for (String bad : new String[] {"", "%", "abc", "25 percent", "NaN", "Infinity", "1e999"}) {
            assertThrows(TypeConversionException.class, () -> converter.convert(bad), bad);
        }
    }
}
