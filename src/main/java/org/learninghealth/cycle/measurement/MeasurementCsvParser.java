package org.learninghealth.cycle.measurement;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads pasted CSV: {@code period,numerator,denominator} for proportions and rates, {@code period,count} for counts,
 * {@code period,value} for continuous measures. A header line is optional. Periods are ISO dates ({@code 2026-03-02}) or months
 * ({@code 2026-03}, read as the first day). Every problem is reported with its line number.
 */
public class MeasurementCsvParser {

    /** More problems than this are summarised, so the message stays readable. */
    static final int MAX_REPORTED = 5;

    public List<MeasurementPoint> parse(String csv, MeasureType type) {
        if (csv == null || csv.isBlank()) {
            throw new MeasurementDataException(List.of("no data: paste one line per period as " + type.csvHeader()));
        }
        List<String> problems = new ArrayList<>();
        List<MeasurementPoint> points = new ArrayList<>();
        Map<LocalDate, Long> seen = new HashMap<>();
        int expected = type.isRatio() ? 3 : 2;
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get().parse(new StringReader(csv))) {
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (record.getRecordNumber() == 1 && isHeader(record)) {
                    checkHeader(record, type, problems);
                    continue;
                }
                if (record.size() != expected) {
                    problems.add("line " + line + ": expected " + expected + " values (" + type.csvHeader() + ") but found " + record.size());
                    continue;
                }
                MeasurementPoint point = point(record, type, line, problems);
                if (point == null) {
                    continue;
                }
                Long earlier = seen.putIfAbsent(point.period(), line);
                if (earlier != null) {
                    problems.add("line " + line + ": period " + point.period() + " appears twice (also on line " + earlier + ")");
                    continue;
                }
                points.add(point);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            problems.add("the text is not valid CSV (" + e.getMessage() + ")");
        }
        if (points.isEmpty() && problems.isEmpty()) {
            problems.add("no data lines: paste one line per period as " + type.csvHeader());
        }
        if (!problems.isEmpty()) {
            throw new MeasurementDataException(summarise(problems));
        }
        return points;
    }

    private static boolean isHeader(CSVRecord record) {
        return record.size() > 0 && record.get(0).toLowerCase(Locale.ROOT).startsWith("period");
    }

    private static void checkHeader(CSVRecord record, MeasureType type, List<String> problems) {
        String header = String.join(",", record.toList()).toLowerCase(Locale.ROOT).replace(" ", "");
        if (!header.equals(type.csvHeader())) {
            problems.add("line 1: the header '" + String.join(",", record.toList()) + "' does not fit a "
                    + type.name().toLowerCase(Locale.ROOT) + " measure; expected " + type.csvHeader());
        }
    }

    private static MeasurementPoint point(CSVRecord record, MeasureType type, long line, List<String> problems) {
        int before = problems.size();
        LocalDate period = period(record.get(0), line, problems);
        if (type.isRatio()) {
            Double numerator = number(record.get(1), "numerator", line, problems);
            Double denominator = number(record.get(2), "denominator", line, problems);
            if (numerator != null && numerator < 0) {
                problems.add("line " + line + ": numerator " + record.get(1) + " is negative");
            }
            if (denominator != null && denominator <= 0) {
                problems.add("line " + line + ": denominator " + record.get(2) + " must be greater than 0");
            }
            if (type == MeasureType.PROPORTION && numerator != null && denominator != null && numerator > denominator) {
                problems.add("line " + line + ": numerator " + record.get(1) + " is larger than denominator " + record.get(2)
                        + " (a proportion cannot exceed 1)");
            }
            return problems.size() == before ? MeasurementPoint.ratio(period, numerator, denominator) : null;
        }
        Double value = number(record.get(1), type == MeasureType.COUNT ? "count" : "value", line, problems);
        if (type == MeasureType.COUNT && value != null && (value < 0 || value != Math.rint(value))) {
            problems.add("line " + line + ": count " + record.get(1) + " must be a whole number of events, 0 or more");
        } else if (value != null && value < 0) {
            problems.add("line " + line + ": value " + record.get(1) + " is negative; measures are 0 or more");
        }
        return problems.size() == before ? MeasurementPoint.single(period, value) : null;
    }

    private static LocalDate period(String text, long line, List<String> problems) {
        try {
            return parsePeriod(text);
        } catch (DateTimeParseException e) {
            problems.add("line " + line + ": period '" + text + "' is not a date like 2026-03-02 or a month like 2026-03");
            return null;
        }
    }

    private static Double number(String text, String column, long line, List<String> problems) {
        if (text.isEmpty()) {
            problems.add("line " + line + ": " + column + " is missing");
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add("line " + line + ": " + column + " '" + text + "' is not a number");
            return null;
        }
    }

    /** A period as people write it: an ISO date, or a month ({@code 2026-03}) read as its first day. */
    public static LocalDate parsePeriod(String text) {
        return text.length() == 7 ? YearMonth.parse(text).atDay(1) : LocalDate.parse(text);
    }

    /** The first {@link #MAX_REPORTED} problems and how many more there are, so a message stays readable. */
    public static List<String> summarise(List<String> problems) {
        if (problems.size() <= MAX_REPORTED) {
            return problems;
        }
        List<String> shown = new ArrayList<>(problems.subList(0, MAX_REPORTED));
        shown.add("and " + (problems.size() - MAX_REPORTED) + " more problems");
        return shown;
    }
}
