package org.learninghealth.cycle.measurement;

import java.util.List;

/**
 * Cells as a file, a paste, a JSON list or a FHIR report delivered them, before they are checked: the one shape
 * every way in produces, so that one reader checks them all.
 *
 * @param rows         in the order delivered; the first may be a header
 * @param decimalComma whether {@code 12,5} means twelve and a half (a semicolon- or tab-separated European export)
 */
public record MeasurementTable(List<Row> rows, boolean decimalComma) {

    /**
     * @param where how a person finds the row again: "line 4", "sheet 'Falls' row 12", "point 3"
     */
    public record Row(String where, List<String> cells) {

        public String cell(int index) {
            return index < cells.size() && cells.get(index) != null ? cells.get(index).trim() : "";
        }

        public boolean blank() {
            return cells.stream().allMatch(c -> c == null || c.isBlank());
        }
    }
}
