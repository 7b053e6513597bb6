package org.learninghealth.cycle.measurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.evaluation.Direction;

/**
 * MeasureReports as an EHR publishes them (FHIR R4, built with HAPI's model): population codes from
 * http://terminology.hl7.org/CodeSystem/measure-population, improvement notation from
 * http://terminology.hl7.org/CodeSystem/measure-improvement-notation.
 */
class FhirMeasureReportsTest {

    static final List<String> UNITS = List.of("4 West", "5 East");

    /** A summary MeasureReport; {@code strata} maps a unit to its numerator and denominator. */
    static MeasureReport measureReport(String id, String start, String end, String notation, int numerator, int denominator, Map<String, int[]> strata) {
        MeasureReport report = new MeasureReport();
        report.setId(id);
        report.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
        report.setType(MeasureReport.MeasureReportType.SUMMARY);
        report.setMeasure("https://hospital.example/fhir/Measure/falls");
        report.setPeriod(new Period().setStartElement(new DateTimeType(start)).setEndElement(new DateTimeType(end)));
        if (notation != null) {
            report.setImprovementNotation(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/measure-improvement-notation", notation, null)));
        }
        MeasureReport.MeasureReportGroupComponent group = report.addGroup();
        group.addPopulation().setCode(population("numerator")).setCount(numerator);
        group.addPopulation().setCode(population("denominator")).setCount(denominator);
        group.setMeasureScore(new Quantity().setValue(BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 6, java.math.RoundingMode.HALF_UP)));
        if (!strata.isEmpty()) {
            MeasureReport.MeasureReportGroupStratifierComponent stratifier = group.addStratifier();
            stratifier.addCode().setText("Nursing unit");
            new TreeMap<>(strata).forEach((unit, counts) -> {
                MeasureReport.StratifierGroupComponent stratum = stratifier.addStratum().setValue(new CodeableConcept().setText(unit));
                stratum.addPopulation().setCode(population("numerator")).setCount(counts[0]);
                stratum.addPopulation().setCode(population("denominator")).setCount(counts[1]);
            });
        }
        return report;
    }

    static String report(String id, String start, String end, String notation, int numerator, int denominator, Map<String, int[]> strata) {
        return FhirMeasureReports.context().newJsonParser().encodeResourceToString(measureReport(id, start, end, notation, numerator, denominator, strata));
    }

    private static CodeableConcept population(String code) {
        return new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/measure-population", code, null));
    }

    private static List<MeasurementRow> read(String json, MeasureType type) {
        FhirMeasureReports.Read read = FhirMeasureReports.parse(json, type, Direction.DECREASE, UNITS);
        return new MeasurementReader(type, UNITS, DateOrder.MDY).read(read.table());
    }

    @Test
    void aStratifierThatNamesTheUnitsGivesOnePointPerUnit() {
        List<MeasurementRow> rows = read(report("mr-1", "2026-01-05", "2026-01-11", "decrease", 20, 300,
                Map.of("4 West", new int[] {12, 100}, "5 East", new int[] {8, 200})), MeasureType.PROPORTION);
        assertThat(rows).containsExactly(new MeasurementRow("4 West", MeasurementPoint.ratio(LocalDate.of(2026, 1, 5), 12, 100)),
                new MeasurementRow("5 East", MeasurementPoint.ratio(LocalDate.of(2026, 1, 5), 8, 200)));
    }

    @Test
    void withoutUnitStrataTheGroupIsAllUnitsAndAContraryNotationIsAWarning() {
        String json = report("mr-2", "2026-01-12T00:00:00Z", "2026-01-18", "increase", 7, 100, Map.of());
        FhirMeasureReports.Read read = FhirMeasureReports.parse(json, MeasureType.PROPORTION, Direction.DECREASE, UNITS);
        assertThat(read.warnings()).containsExactly("MeasureReport 'mr-2': its improvementNotation is 'increase' but the project's measure improves by"
                + " decrease; the data were stored as sent, check that it is the right measure");
        assertThat(read(json, MeasureType.PROPORTION)).containsExactly(new MeasurementRow(null, MeasurementPoint.ratio(LocalDate.of(2026, 1, 12), 7, 100)));
        // a continuous measure takes the score, a count measure the numerator
        assertThat(read(json, MeasureType.CONTINUOUS)).extracting(r -> r.point().value()).containsExactly(0.07);
        assertThat(read(json, MeasureType.COUNT)).extracting(r -> r.point().value()).containsExactly(7.0);
    }

    @Test
    void aBundleOfReportsAndItsProblems() {
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":"
                + report("a", "2026-01-05", "2026-01-11", null, 5, 100, Map.of()) + "},{\"resource\":"
                + report("b", "2026-01-12", "2026-01-18", null, 120, 100, Map.of()) + "}]}";
        assertThatThrownBy(() -> read(bundle, MeasureType.PROPORTION))
                .hasMessageContaining("MeasureReport 'b': numerator 120 is larger than denominator 100");
        assertThatThrownBy(() -> read("{\"resourceType\":\"MeasureReport\",\"status\":\"complete\",\"group\":[{}]}", MeasureType.PROPORTION))
                .hasMessageContaining("MeasureReport #1: period.start is missing");
        assertThatThrownBy(() -> read("{\"resourceType\":\"MeasureReport\",\"status\":\"complete\",\"period\":{\"start\":\"2026-01-05\"}}",
                MeasureType.PROPORTION)).hasMessageContaining("MeasureReport #1: has no group with populations or a measureScore");
        MeasureReport noDenominator = measureReport("c", "2026-01-19", "2026-01-25", null, 5, 100, Map.of());
        noDenominator.getGroupFirstRep().getPopulation().remove(1);
        assertThatThrownBy(() -> read(FhirMeasureReports.context().newJsonParser().encodeResourceToString(noDenominator), MeasureType.PROPORTION))
                .hasMessageContaining("MeasureReport 'c': denominator is missing");
        assertThatThrownBy(() -> read("not json", MeasureType.PROPORTION)).hasMessageContaining("not a FHIR R4 resource in JSON");
    }
}
