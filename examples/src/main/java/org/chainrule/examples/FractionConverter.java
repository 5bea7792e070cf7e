package org.chainrule.examples;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a fraction written either as a decimal or as a percentage: {@code 0.25} and
 * {@code 25%} are both a quarter. Range checks are the option's business.
 */
final class FractionConverter implements ITypeConverter<Double> {
    /** Creates the converter; picocli calls this. */
    FractionConverter() {
    }

    @Override
    public Double convert(String text) {
        String trimmed = text.trim();
        boolean percent = trimmed.endsWith("%");
        String number = percent ? trimmed.substring(0, trimmed.length() - 1).trim() : trimmed;
        double value;
        try {
            value = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a number or a percentage (write 0.25 or 25%)");
        }
        if (!Double.isFinite(value)) {
            throw new TypeConversionException("'" + text + "' is not a finite number");
        }
        return percent ? value / 100 : value;
    }
}
