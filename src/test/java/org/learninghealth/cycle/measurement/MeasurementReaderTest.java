package org.learninghealth.cycle.measurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one check every way in goes through, fed by pasted or uploaded text. */
class MeasurementReaderTest {

    static final List<String> UNITS = List.of("4 West", "5 East");

    private static List<MeasurementRow> read(MeasureType type, String text) {
        return read(type, text, DateOrder.MDY);
    }

    private static List<MeasurementRow> read(MeasureType type, String text, DateOrder order) {
        return new MeasurementReader(type, UNITS, order).read(DelimitedText.read(text, 1000));
    }

    @Test
    void commaSemicolonAndTabAreToldApart() {
        MeasurementPoint expected = MeasurementPoint.ratio(LocalDate.of(2026, 1, 5), 12, 50);
        assertThat(read(MeasureType.PROPORTION, "period,numerator,denominator\n2026-01-05,12,50")).extracting(MeasurementRow::point).containsExactly(expected);
        assertThat(read(MeasureType.PROPORTION, "period;numerator;denominator\n2026-01-05;12;50")).extracting(MeasurementRow::point).containsExactly(expected);
        // two columns copied from Excel: tab-separated, no header
        assertThat(read(MeasureType.PROPORTION, "2026-01-05\t12\t50\r\n2026-01-12\t9\t48\r\n")).extracting(MeasurementRow::point)
                .containsExactly(expected, MeasurementPoint.ratio(LocalDate.of(2026, 1, 12), 9, 48));
        // European Excel: semicolons, and a comma as the decimal mark
        assertThat(read(MeasureType.CONTINUOUS, "Period;Value\n2026-01-05;41,5")).extracting(r -> r.point().value()).containsExactly(41.5);
        assertThat(read(MeasureType.CONTINUOUS, "2026-01-05\t41,5")).extracting(r -> r.point().value()).containsExactly(41.5);
    }

    @Test
    void headerNamesInAnyOrderAndCaseWithOptionalColumns() {
        List<MeasurementRow> rows = read(MeasureType.RATE, "Unit,DENOMINATOR,Note,period,Numerator,Excluded\n"
                + "4 west,1000,new bed alarms,2026-02-02,4,no\n5 East,900,,2026-02-02,3,\n,1900,Power cut,2026-02-09,20,yes");
        assertThat(rows).containsExactly(
                new MeasurementRow("4 West", new MeasurementPoint(LocalDate.of(2026, 2, 2), 4.0, 1000.0, null, false, "new bed alarms")),
                new MeasurementRow("5 East", new MeasurementPoint(LocalDate.of(2026, 2, 2), 3.0, 900.0, null, false, null)),
                new MeasurementRow(null, new MeasurementPoint(LocalDate.of(2026, 2, 9), 20.0, 1900.0, null, true, "Power cut")));
        // without a header: today's positional order, optional unit, note, excluded after the values
        assertThat(read(MeasureType.COUNT, "2026-02-02,3,5 East,staff short")).containsExactly(
                new MeasurementRow("5 East", new MeasurementPoint(LocalDate.of(2026, 2, 2), null, null, 3.0, false, "staff short")));
        assertThat(read(MeasureType.COUNT, "period,value\n2026-02-02,3")).extracting(r -> r.point().value()).containsExactly(3.0);
    }

    @Test
    void periodsInEveryFormAndTheConfiguredDayOrder() {
        String text = "period,value\n2026-03-02,1\n2026-04,2\n03/05/2026,3\n12.06.2026,4\n2026-07-01T00:00:00Z,5";
        assertThat(read(MeasureType.CONTINUOUS, text)).extracting(r -> r.point().period()).containsExactly(LocalDate.of(2026, 3, 2),
                LocalDate.of(2026, 4, 1), LocalDate.of(2026, 3, 5), LocalDate.of(2026, 6, 12), LocalDate.of(2026, 7, 1));
        assertThat(read(MeasureType.CONTINUOUS, "03/05/2026,3", DateOrder.DMY)).extracting(r -> r.point().period()).containsExactly(LocalDate.of(2026, 5, 3));
        assertThatThrownBy(() -> read(MeasureType.CONTINUOUS, "13/05/2026,3")).hasMessageContaining("line 1: period '13/05/2026' is not a date like 2026-03-02")
                .hasMessageContaining("03/02/2026 (month first)");
    }

    @Test
    void everyProblemIsNamedWithItsLineAndNothingIsReturned() {
        assertThatThrownBy(() -> read(MeasureType.PROPORTION, "period,numerator,denominator,unit,excluded\n"
                + "2026-01-05,12,50,4 West,\n2026-01-12,x,50,ICU,\n2026-01-19,60,50,,yes\n2026-01-05,1,50,4 West,\n2026-01-26,1,50,,maybe"))
                .isInstanceOfSatisfying(MeasurementDataException.class, e -> assertThat(e.problems()).containsExactly(
                        "line 3: unit 'ICU' is not one of the project's units (4 West, 5 East)",
                        "line 3: numerator 'x' is not a number",
                        "line 4: an excluded period needs a note saying why it is left out",
                        "line 4: numerator 60 is larger than denominator 50 (a proportion cannot exceed 1)",
                        "line 5: period 2026-01-05 of 4 West appears twice (also line 2)",
                        "line 6: excluded 'maybe' is not yes or no (true/false, 1/0 or x also work)"));
        assertThatThrownBy(() -> read(MeasureType.PROPORTION, "period,numerator\n2026-01-05,12"))
                .hasMessageContaining("line 1: the header has no column 'denominator'");
        assertThatThrownBy(() -> read(MeasureType.CONTINUOUS, "period,value,ward,shift\n2026-01-05,12,4 West,night"))
                .hasMessageContaining("line 1: the column 'shift' does not fit a continuous measure; its columns are period, value, unit, note, excluded");
        assertThatThrownBy(() -> read(MeasureType.COUNT, "2026-01-05,2.5")).hasMessageContaining("line 1: count 2.5 must be a whole number of events");
        assertThatThrownBy(() -> read(MeasureType.COUNT, "\n\n")).hasMessageContaining("no data rows");
    }

    @Test
    void manyProblemsAreSummarisedAfterTen() {
        StringBuilder text = new StringBuilder("period,value\n");
        for (int i = 0; i < 25; i++) {
            text.append("someday,").append(i).append('\n');
        }
        assertThatThrownBy(() -> read(MeasureType.CONTINUOUS, text.toString())).isInstanceOfSatisfying(MeasurementDataException.class, e -> {
            assertThat(e.problems()).hasSize(11).last().isEqualTo("and 15 more problems");
            assertThat(e.total()).isEqualTo(25);
        });
    }

    @Test
    void moreRowsThanAllowedIsRefusedAsTooLarge() {
        assertThatThrownBy(() -> DelimitedText.read("2026-01-05,1\n2026-01-06,1\n2026-01-07,1", 2)).isInstanceOf(MeasurementTooLargeException.class)
                .hasMessageContaining("more than 2 rows");
    }

    @Test
    void aContinuousMeasureMayBeNegative() {
        // NHSRplotthedots' own fixture starts with rnorm(20) = -0.56047565, ...: a change from baseline is often below 0
        assertThat(read(MeasureType.CONTINUOUS, "period,value\n2020-01-02,-0.56047565\n2020-01-03,-0.23017749\n2020-01-04;1.55870831".replace(';', ',')))
                .extracting(r -> r.point().value()).containsExactly(-0.56047565, -0.23017749, 1.55870831);
        assertThatThrownBy(() -> read(MeasureType.COUNT, "2026-02-02,-3")).hasMessageContaining("count -3 must be a whole number of events, 0 or more");
    }

    @Test
    void rareEventsAsGapsOrAsTheDatesOfTheEvents() {
        // qicharts2 vignette, cabg deaths: surgeries between deaths (g) and days between them (t)
        assertThat(read(MeasureType.CASES_BETWEEN_EVENTS, "period,cases\n2011-08-06,23\n2011-08-26,39")).extracting(r -> r.point().value())
                .containsExactly(23.0, 39.0);
        assertThat(read(MeasureType.DAYS_BETWEEN_EVENTS, "date,days\n2011-08-06,16\n2011-08-26,20")).extracting(r -> r.point().value())
                .containsExactly(16.0, 20.0);
        // dates only: the days are counted per unit, each unit's first event starts the clock
        List<MeasurementRow> gaps = read(MeasureType.DAYS_BETWEEN_EVENTS, "period,unit\n2011-07-21,4 West\n2011-08-06,4 West\n2011-08-26,4 West\n"
                + "2011-08-01,5 East\n2011-08-31,5 East");
        assertThat(gaps).containsExactly(
                new MeasurementRow("4 West", MeasurementPoint.single(LocalDate.of(2011, 8, 6), 16)),
                new MeasurementRow("4 West", MeasurementPoint.single(LocalDate.of(2011, 8, 26), 20)),
                new MeasurementRow("5 East", MeasurementPoint.single(LocalDate.of(2011, 8, 31), 30)));
        assertThatThrownBy(() -> read(MeasureType.DAYS_BETWEEN_EVENTS, "period,days\n2011-08-06,16\n2011-08-26,"))
                .hasMessageContaining("1 of 2 events have no days: give the days between events on every row, or on none");
        assertThatThrownBy(() -> read(MeasureType.DAYS_BETWEEN_EVENTS, "period,days\n2011-08-06,0"))
                .hasMessageContaining("line 2: days 0 must be more than 0");
        assertThatThrownBy(() -> read(MeasureType.CASES_BETWEEN_EVENTS, "period,cases\n2011-08-06,2.5"))
                .hasMessageContaining("line 2: cases 2.5 must be a whole number");
        assertThatThrownBy(() -> read(MeasureType.DAYS_BETWEEN_EVENTS, "period\n2011-08-06"))
                .hasMessageContaining("one event only");
    }
}
