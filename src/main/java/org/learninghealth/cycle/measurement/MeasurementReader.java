package org.learninghealth.cycle.measurement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one check of measurement data, whatever way it came in. Columns {@code period}, then
 * {@code numerator,denominator} (proportion, rate), {@code count}, {@code value} (continuous, any finite number),
 * {@code cases} (cases between events: one row per event) or {@code days} (days between events: one row per event,
 * the days may be left out, then they are counted between the dates of each unit's events and its first event only
 * starts the clock), and the optional
 * {@code unit}, {@code note}, {@code excluded}; header names in any order and case, and without a header the same
 * order by position. Every problem is collected with its row, so one answer names them all; any problem refuses
 * the whole submission.
 */
public class MeasurementReader {

    static final String PERIOD = "period", NUMERATOR = "numerator", DENOMINATOR = "denominator", COUNT = "count", VALUE = "value",
            CASES = "cases", DAYS = "days",
            UNIT = "unit", NOTE = "note", EXCLUDED = "excluded";
    static final int MAX_NOTE = 500;
    private static final Map<String, String> ALIASES = Map.of("notes", NOTE, "comment", NOTE, "ward", UNIT, "date", PERIOD,
            "week", PERIOD, "month", PERIOD);
    private static final Set<String> YES = Set.of("true", "yes", "y", "1", "x"), NO = Set.of("false", "no", "n", "0", "");

    private final MeasureType type;
    private final List<String> units;
    private final DateOrder dateOrder;

    /** @param units the project's units; a row's unit must be one of them */
    public MeasurementReader(MeasureType type, List<String> units, DateOrder dateOrder) {
        this.type = type;
        this.units = List.copyOf(units);
        this.dateOrder = dateOrder;
    }

    /** The columns this measure's rows carry, in positional order. */
    public List<String> columns() {
        List<String> columns = new ArrayList<>(List.of(PERIOD));
        columns.addAll(valueColumns());
        columns.addAll(List.of(UNIT, NOTE, EXCLUDED));
        return columns;
    }

    private List<String> valueColumns() {
        return type.isRatio() ? List.of(NUMERATOR, DENOMINATOR) : List.of(singleColumn());
    }

    private String singleColumn() {
        return switch (type) {
            case COUNT -> COUNT;
            case CASES_BETWEEN_EVENTS -> CASES;
            case DAYS_BETWEEN_EVENTS -> DAYS;
            default -> VALUE;
        };
    }

    /** @throws MeasurementDataException naming every problem; nothing is returned then */
    public List<MeasurementRow> read(MeasurementTable table) {
        List<String> problems = new ArrayList<>();
        List<MeasurementTable.Row> rows = table.rows().stream().filter(r -> !r.blank()).toList();
        Map<String, Integer> columns = positional();
        int first = 0;
        if (!rows.isEmpty() && isHeader(rows.get(0))) {
            columns = header(rows.get(0), problems);
            first = 1;
        }
        List<MeasurementRow> read = new ArrayList<>();
        if (columns != null) {
            Map<String, String> seen = new HashMap<>();
            for (MeasurementTable.Row row : rows.subList(first, rows.size())) {
                MeasurementRow checked = row(row, columns, table.decimalComma(), problems);
                if (checked == null) {
                    continue;
                }
                String key = checked.unit() + "|" + checked.point().period();
                String earlier = seen.putIfAbsent(key, row.where());
                if (earlier != null) {
                    problems.add(row.where() + ": period " + checked.point().period() + (checked.unit() == null ? "" : " of " + checked.unit())
                            + " appears twice (also " + earlier + ")");
                    continue;
                }
                read.add(checked);
            }
        }
        if (read.isEmpty() && problems.isEmpty()) {
            problems.add("no data rows: give one row per period as " + String.join(",", columns()));
        }
        if (problems.isEmpty() && type == MeasureType.DAYS_BETWEEN_EVENTS) {
            read = daysFromDates(read, problems);
        }
        if (!problems.isEmpty()) {
            throw MeasurementDataException.of(problems);
        }
        return read;
    }

    /** Rows without days: counted between the dates of each unit's events; each unit's first event starts the clock. */
    private static List<MeasurementRow> daysFromDates(List<MeasurementRow> rows, List<String> problems) {
        long without = rows.stream().filter(r -> r.point().value() == null).count();
        if (without == 0) {
            return rows;
        }
        if (without < rows.size()) {
            problems.add(without + " of " + rows.size() + " events have no days: give the days between events on every row, or on none"
                    + " (then they are counted between the dates)");
            return rows;
        }
        Map<String, List<MeasurementRow>> byUnit = new LinkedHashMap<>();
        rows.forEach(r -> byUnit.computeIfAbsent(r.unit() == null ? "" : r.unit(), u -> new ArrayList<>()).add(r));
        List<MeasurementRow> gaps = new ArrayList<>();
        for (List<MeasurementRow> events : byUnit.values()) {
            events.sort(java.util.Comparator.comparing(r -> r.point().period()));
            for (int i = 1; i < events.size(); i++) {
                MeasurementPoint gap = events.get(i).point().daysAfter(events.get(i - 1).point());
                if (gap.value() <= 0) {
                    problems.add("events on " + gap.period() + " and the one before are on the same day: give them as one event");
                }
                gaps.add(new MeasurementRow(events.get(i).unit(), gap));
            }
        }
        if (gaps.isEmpty()) {
            problems.add("one event only: days between events need the date of the event before it too");
        }
        return gaps;
    }

    private Map<String, Integer> positional() {
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<String> names = columns();
        for (int i = 0; i < names.size(); i++) {
            columns.put(names.get(i), i);
        }
        return columns;
    }

    private static String canonical(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace("\uFEFF", "");
        return ALIASES.getOrDefault(n, n);
    }

    private boolean isHeader(MeasurementTable.Row row) {
        return row.cells().stream().anyMatch(c -> c != null && (columns().contains(canonical(c))
                || List.of(NUMERATOR, DENOMINATOR, COUNT, VALUE, CASES, DAYS).contains(canonical(c))));
    }

    private Map<String, Integer> header(MeasurementTable.Row row, List<String> problems) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<String> known = columns();
        int before = problems.size();
        for (int i = 0; i < row.cells().size(); i++) {
            String raw = row.cell(i);
            if (raw.isEmpty()) {
                continue;
            }
            String name = canonical(raw);
            if (!type.isRatio() && name.equals(VALUE)) {
                name = singleColumn();
            }
            if (!known.contains(name)) {
                problems.add(row.where() + ": the column '" + raw + "' does not fit a " + type.name().toLowerCase(Locale.ROOT)
                        + " measure; its columns are " + String.join(", ", known));
            } else if (columns.putIfAbsent(name, i) != null) {
                problems.add(row.where() + ": the column '" + raw + "' appears twice");
            }
        }
        for (String required : requiredColumns()) {
            if (!columns.containsKey(required)) {
                problems.add(row.where() + ": the header has no column '" + required + "'; a " + type.name().toLowerCase(Locale.ROOT)
                        + " measure needs " + String.join(", ", requiredColumns()));
            }
        }
        return problems.size() == before ? columns : null;
    }

    private List<String> requiredColumns() {
        List<String> required = new ArrayList<>(List.of(PERIOD));
        if (type != MeasureType.DAYS_BETWEEN_EVENTS) {
            required.addAll(valueColumns());
        }
        return required;
    }

    private MeasurementRow row(MeasurementTable.Row row, Map<String, Integer> columns, boolean decimalComma, List<String> problems) {
        int before = problems.size();
        int widest = columns.values().stream().max(Integer::compare).orElse(0);
        for (int i = widest + 1; i < row.cells().size(); i++) {
            if (!row.cell(i).isEmpty()) {
                problems.add(row.where() + ": found " + row.cells().size() + " values but only " + columns.size() + " columns ("
                        + String.join(",", columns.keySet()) + ")");
                return null;
            }
        }
        String where = row.where();
        String periodText = cell(row, columns, PERIOD);
        LocalDate period = periodText.isEmpty() ? null : Periods.parse(periodText, dateOrder);
        if (period == null) {
            problems.add(periodText.isEmpty() ? where + ": period is missing" : where + ": period '" + periodText + "' is not " + Periods.forms(dateOrder));
        }
        String unit = unit(cell(row, columns, UNIT), where, problems);
        String note = cell(row, columns, NOTE);
        if (note.length() > MAX_NOTE) {
            problems.add(where + ": the note has " + note.length() + " characters; at most " + MAX_NOTE);
        }
        Boolean excluded = flag(cell(row, columns, EXCLUDED), where, problems);
        if (Boolean.TRUE.equals(excluded) && note.isEmpty()) {
            problems.add(where + ": an excluded period needs a note saying why it is left out");
        }
        MeasurementPoint point = type.isRatio() ? ratio(row, columns, decimalComma, problems) : single(row, columns, decimalComma, problems);
        if (problems.size() != before) {
            return null;
        }
        return new MeasurementRow(unit, new MeasurementPoint(period, point.numerator(), point.denominator(), point.value(),
                Boolean.TRUE.equals(excluded), note.isEmpty() ? null : note));
    }

    private MeasurementPoint ratio(MeasurementTable.Row row, Map<String, Integer> columns, boolean decimalComma, List<String> problems) {
        String where = row.where();
        String n = cell(row, columns, NUMERATOR), d = cell(row, columns, DENOMINATOR);
        Double numerator = number(n, NUMERATOR, where, decimalComma, problems);
        Double denominator = number(d, DENOMINATOR, where, decimalComma, problems);
        if (numerator != null && numerator < 0) {
            problems.add(where + ": numerator " + n + " is negative");
        }
        if (denominator != null && denominator <= 0) {
            problems.add(where + ": denominator " + d + " must be greater than 0");
        }
        if (type == MeasureType.PROPORTION && numerator != null && denominator != null && numerator > denominator) {
            problems.add(where + ": numerator " + n + " is larger than denominator " + d + " (a proportion cannot exceed 1)");
        }
        return new MeasurementPoint(null, numerator, denominator, null);
    }

    private MeasurementPoint single(MeasurementTable.Row row, Map<String, Integer> columns, boolean decimalComma, List<String> problems) {
        String where = row.where();
        String column = singleColumn();
        String text = cell(row, columns, column);
        if (type == MeasureType.DAYS_BETWEEN_EVENTS && text.isEmpty()) {
            return new MeasurementPoint(null, null, null, null);
        }
        Double value = number(text, column, where, decimalComma, problems);
        if (type == MeasureType.COUNT && value != null && (value < 0 || value != Math.rint(value))) {
            problems.add(where + ": count " + text + " must be a whole number of events, 0 or more");
        } else if (type == MeasureType.CASES_BETWEEN_EVENTS && value != null && (value < 0 || value != Math.rint(value))) {
            problems.add(where + ": cases " + text + " must be a whole number of cases between this event and the one before, 0 or more");
        } else if (type == MeasureType.DAYS_BETWEEN_EVENTS && value != null && value <= 0) {
            problems.add(where + ": days " + text + " must be more than 0 (the days since the event before)");
        }
        return new MeasurementPoint(null, null, null, value);
    }

    private String unit(String text, String where, List<String> problems) {
        if (text.isEmpty()) {
            return null;
        }
        for (String unit : units) {
            if (unit.equalsIgnoreCase(text)) {
                return unit;
            }
        }
        problems.add(where + ": unit '" + text + "' is not one of the project's units (" + String.join(", ", units) + ")");
        return null;
    }

    private static Boolean flag(String text, String where, List<String> problems) {
        String t = text.toLowerCase(Locale.ROOT);
        if (YES.contains(t)) {
            return true;
        }
        if (NO.contains(t)) {
            return false;
        }
        problems.add(where + ": excluded '" + text + "' is not yes or no (true/false, 1/0 or x also work)");
        return null;
    }

    private static Double number(String text, String column, String where, boolean decimalComma, List<String> problems) {
        if (text.isEmpty()) {
            problems.add(where + ": " + column + " is missing");
            return null;
        }
        String t = decimalComma && text.matches("-?\\d+,\\d+") ? text.replace(',', '.') : text;
        try {
            double value = Double.parseDouble(t);
            if (!Double.isFinite(value) || !t.matches("[-+]?[0-9.eE+-]+")) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(where + ": " + column + " '" + text + "' is not a number");
            return null;
        }
    }

    private static String cell(MeasurementTable.Row row, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        return index == null ? "" : row.cell(index);
    }
}
