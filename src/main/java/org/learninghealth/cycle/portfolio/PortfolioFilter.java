package org.learninghealth.cycle.portfolio;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.learninghealth.cycle.system.ApiException;

/**
 * Which projects and in what order: {@code stage} (name or label), {@code unit} (part of the units text),
 * {@code pathway}, {@code overdue}, {@code status} (open / ended / all), {@code sort} and {@code order}.
 */
public record PortfolioFilter(Stage stage, String unit, String pathway, Boolean overdue, String status, String sort, boolean descending) {

    @SuppressWarnings({"rawtypes", "unchecked"})
    static final Map<String, Function<ProjectRow, Comparable>> SORTS = Map.of(
            "projectKey", ProjectRow::projectKey,
            "title", r -> r.title() == null ? null : r.title().toLowerCase(Locale.ROOT),
            "daysInStage", ProjectRow::daysInStage,
            "dueDate", ProjectRow::dueDate,
            "started", ProjectRow::started,
            "lead", ProjectRow::lead);

    /** From request parameters; unknown values are refused with the ones that exist. */
    public static PortfolioFilter of(String stage, String unit, String pathway, Boolean overdue, String status, String sort, String order) {
        Stage s = null;
        if (stage != null && !stage.isBlank()) {
            s = Stage.named(stage.trim()).orElseThrow(() -> ApiException.badRequest("Unknown stage '" + stage + "'; one of "
                    + java.util.Arrays.stream(Stage.values()).map(Stage::label).toList() + "."));
        }
        String st = status == null || status.isBlank() ? "all" : status.trim().toLowerCase(Locale.ROOT);
        if (!st.equals("all") && !st.equals("open") && !st.equals("ended")) {
            throw ApiException.badRequest("status must be open, ended or all, was '" + status + "'.");
        }
        String so = sort == null || sort.isBlank() ? "projectKey" : sort.trim();
        if (!SORTS.containsKey(so)) {
            throw ApiException.badRequest("Cannot sort by '" + sort + "'; sort by one of " + new java.util.TreeSet<>(SORTS.keySet()) + ".");
        }
        boolean desc = order != null && order.equalsIgnoreCase("desc");
        if (order != null && !order.isBlank() && !desc && !order.equalsIgnoreCase("asc")) {
            throw ApiException.badRequest("order must be asc or desc, was '" + order + "'.");
        }
        return new PortfolioFilter(s, blankToNull(unit), blankToNull(pathway), overdue, st, so, desc);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    boolean matches(ProjectRow row) {
        return (stage == null || row.stages().contains(stage.label()))
                && (unit == null || (row.units() != null && row.units().toLowerCase(Locale.ROOT).contains(unit.toLowerCase(Locale.ROOT))))
                && (pathway == null || pathway.equalsIgnoreCase(row.oversightPathway()))
                && (overdue == null || overdue == row.overdue())
                && (status.equals("all") || status.equals(row.status()));
    }

    /** The project variables {@link #matches} and {@link #order} read: the rest of a row is not needed to find a page. */
    java.util.List<String> variablesRead() {
        java.util.List<String> names = new java.util.ArrayList<>();
        if (unit != null) {
            names.add(org.learninghealth.cycle.project.CycleVariables.UNITS);
        }
        if (pathway != null) {
            names.add(org.learninghealth.cycle.project.CycleVariables.OVERSIGHT_PATHWAY);
        }
        if (sort.equals("title")) {
            names.add(org.learninghealth.cycle.project.CycleVariables.TITLE);
        }
        if (sort.equals("lead")) {
            names.add(org.learninghealth.cycle.project.CycleVariables.PROJECT_LEAD);
        }
        return names;
    }

    /** Projects without the sorted value come last either way; ties go by project key. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    Comparator<ProjectRow> order() {
        Comparator<Comparable> values = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        Comparator<ProjectRow> comparator = Comparator.comparing(SORTS.get(sort), Comparator.nullsLast(values));
        return comparator.thenComparing(ProjectRow::projectKey, Comparator.nullsLast(Comparator.naturalOrder()));
    }
}
