package org.learninghealth.cycle.measurement;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Pasted or uploaded text: comma-separated, semicolon-separated (Excel with a European locale, where {@code 12,5}
 * is a number) or tab-separated (what Excel puts on the clipboard), told apart by the first line that has data.
 */
public final class DelimitedText {

    private DelimitedText() {
    }

    /** @throws MeasurementTooLargeException above {@code maxRows} rows */
    public static MeasurementTable read(String text, int maxRows) {
        char delimiter = delimiterOf(text);
        List<MeasurementTable.Row> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = format.parse(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text))) {
            for (CSVRecord record : parser) {
                if (rows.size() >= maxRows) {
                    throw new MeasurementTooLargeException("The data has more than " + maxRows + " rows, the most one submission may have;"
                            + " send it in parts (each part is merged into what is stored).");
                }
                rows.add(new MeasurementTable.Row("line " + parser.getCurrentLineNumber(), record.toList()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new MeasurementDataException(List.of("the text is not valid " + name(delimiter) + " text (" + e.getMessage() + ")"));
        }
        return new MeasurementTable(rows, delimiter != ',');
    }

    /** Tab if the first data line has one; else semicolon if it has at least as many as commas; else comma. */
    static char delimiterOf(String text) {
        for (String line : text.split("\\R", 50)) {
            if (line.isBlank()) {
                continue;
            }
            long tabs = line.chars().filter(c -> c == '\t').count();
            long semicolons = line.chars().filter(c -> c == ';').count();
            long commas = line.chars().filter(c -> c == ',').count();
            return tabs > 0 ? '\t' : semicolons > 0 && semicolons >= commas ? ';' : ',';
        }
        return ',';
    }

    private static String name(char delimiter) {
        return delimiter == '\t' ? "tab-separated" : delimiter == ';' ? "semicolon-separated" : "comma-separated";
    }
}
