package org.learninghealth.cycle.measurement;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupPopulationComponent;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupStratifierComponent;
import org.hl7.fhir.r4.model.MeasureReport.StratifierGroupComponent;
import org.hl7.fhir.r4.model.MeasureReport.StratifierGroupPopulationComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.learninghealth.cycle.evaluation.Direction;

/**
 * FHIR R4 MeasureReports (one, or a Bundle of them) as rows, parsed with HAPI FHIR's R4 structures:
 * {@code period.start} gives the period; the first group's {@code numerator} and {@code denominator} (or
 * {@code initial-population}) counts give a proportion or rate, {@code measureScore} a continuous value (a count
 * measure takes the numerator count, else the score); a stratifier whose strata name the project's units gives one
 * row per unit instead of the group's total. The rows then go through the same check as every other way in.
 */
public final class FhirMeasureReports {

    /** What was read, and what the sender should know (an improvement notation against the project's, ignored groups). */
    public record Read(MeasurementTable table, List<String> warnings) {
    }

    private FhirMeasureReports() {
    }

    public static FhirContext context() {
        return FhirContext.forR4Cached();
    }

    /** Reads a MeasureReport or a Bundle of them from FHIR JSON. */
    public static Read parse(String json, MeasureType type, Direction direction, List<String> units) {
        IBaseResource resource;
        try {
            resource = context().newJsonParser().parseResource(json);
        } catch (DataFormatException | ClassCastException e) {
            throw new MeasurementDataException(List.of("the body is not a FHIR R4 resource in JSON (" + e.getMessage() + ")"));
        }
        List<MeasureReport> reports = new ArrayList<>();
        if (resource instanceof MeasureReport report) {
            reports.add(report);
        } else if (resource instanceof Bundle bundle) {
            bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(MeasureReport.class::isInstance)
                    .map(MeasureReport.class::cast).forEach(reports::add);
        } else {
            throw new MeasurementDataException(List.of("the body is a FHIR " + resource.fhirType() + "; send a MeasureReport or a Bundle of MeasureReports"));
        }
        return read(reports, type, direction, units);
    }

    public static Read read(List<MeasureReport> reports, MeasureType type, Direction direction, List<String> units) {
        List<MeasurementTable.Row> rows = new ArrayList<>();
        rows.add(new MeasurementTable.Row("header", type.isRatio()
                ? List.of(MeasurementReader.PERIOD, MeasurementReader.NUMERATOR, MeasurementReader.DENOMINATOR, MeasurementReader.UNIT)
                : List.of(MeasurementReader.PERIOD, MeasurementReader.VALUE, MeasurementReader.UNIT)));
        List<String> warnings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int n = 0;
        for (MeasureReport report : reports) {
            n++;
            String name = "MeasureReport " + (report.hasIdElement() && report.getIdElement().getIdPart() != null
                    ? "'" + report.getIdElement().getIdPart() + "'" : "#" + n);
            notation(report, direction).map(w -> name + ": " + w).ifPresent(warnings::add);
            String period = report.getPeriod().hasStart() ? report.getPeriod().getStartElement().getValueAsString() : "";
            if (period.isEmpty()) {
                problems.add(name + ": period.start is missing; it gives the period of the report");
                continue;
            }
            if (!report.hasGroup() || report.getGroupFirstRep().isEmpty()) {
                problems.add(name + ": has no group with populations or a measureScore");
                continue;
            }
            if (report.getGroup().size() > 1) {
                warnings.add(name + ": has " + report.getGroup().size() + " groups; only the first was read");
            }
            MeasureReportGroupComponent group = report.getGroupFirstRep();
            MeasureReportGroupStratifierComponent byUnit = unitStratifier(group, units);
            if (byUnit == null) {
                rows.add(row(name, period, counts(group.getPopulation().stream().map(p -> new Population(code(p.getCode()), p.getCount())).toList()),
                        group.getMeasureScore(), null, type));
                continue;
            }
            for (StratifierGroupComponent stratum : byUnit.getStratum()) {
                String unit = label(stratum.getValue());
                List<Population> populations = new ArrayList<>();
                for (StratifierGroupPopulationComponent p : stratum.getPopulation()) {
                    populations.add(new Population(code(p.getCode()), p.getCount()));
                }
                rows.add(row(name + " stratum '" + unit + "'", period, counts(populations), stratum.getMeasureScore(), unit, type));
            }
        }
        if (!problems.isEmpty()) {
            throw MeasurementDataException.of(problems);
        }
        return new Read(new MeasurementTable(rows, false), warnings);
    }

    private record Population(String code, int count) {
    }

    private record Counts(Integer numerator, Integer denominator) {
    }

    private static Counts counts(List<Population> populations) {
        Integer numerator = null, denominator = null, initial = null;
        for (Population p : populations) {
            switch (p.code()) {
                case "numerator" -> numerator = p.count();
                case "denominator" -> denominator = p.count();
                case "initial-population" -> initial = p.count();
                default -> { }
            }
        }
        return new Counts(numerator, denominator != null ? denominator : initial);
    }

    private static MeasurementTable.Row row(String where, String period, Counts counts, Quantity score, String unit, MeasureType type) {
        String scoreText = score != null && score.hasValue() ? score.getValue().toPlainString() : "";
        String u = unit == null ? "" : unit;
        if (type.isRatio()) {
            return new MeasurementTable.Row(where, List.of(period, counts.numerator() == null ? "" : counts.numerator().toString(),
                    counts.denominator() == null ? "" : counts.denominator().toString(), u));
        }
        String value = type == MeasureType.COUNT && counts.numerator() != null ? counts.numerator().toString() : scoreText;
        return new MeasurementTable.Row(where, List.of(period, value, u));
    }

    /** The stratifier whose strata name at least one of the project's units, or {@code null}. */
    private static MeasureReportGroupStratifierComponent unitStratifier(MeasureReportGroupComponent group, List<String> units) {
        for (MeasureReportGroupStratifierComponent stratifier : group.getStratifier()) {
            boolean namesUnits = stratifier.getStratum().stream().map(s -> label(s.getValue()))
                    .anyMatch(label -> units.stream().anyMatch(u -> u.equalsIgnoreCase(label)));
            if (namesUnits) {
                return stratifier;
            }
        }
        return null;
    }

    private static java.util.Optional<String> notation(MeasureReport report, Direction direction) {
        if (!report.hasImprovementNotation() || direction == null) {
            return java.util.Optional.empty();
        }
        String notation = code(report.getImprovementNotation());
        String ours = direction.name().toLowerCase(Locale.ROOT);
        if ((notation.equals("increase") || notation.equals("decrease")) && !notation.equals(ours)) {
            return java.util.Optional.of("its improvementNotation is '" + notation + "' but the project's measure improves by "
                    + ours + "; the data were stored as sent, check that it is the right measure");
        }
        return java.util.Optional.empty();
    }

    private static String code(CodeableConcept concept) {
        return concept == null || concept.getCoding().isEmpty() ? "" : String.valueOf(concept.getCodingFirstRep().getCode()).toLowerCase(Locale.ROOT);
    }

    private static String label(CodeableConcept concept) {
        if (concept == null) {
            return "";
        }
        if (concept.hasText()) {
            return concept.getText().trim();
        }
        Coding coding = concept.getCodingFirstRep();
        return coding.hasDisplay() ? coding.getDisplay().trim() : coding.hasCode() ? coding.getCode().trim() : "";
    }
}
