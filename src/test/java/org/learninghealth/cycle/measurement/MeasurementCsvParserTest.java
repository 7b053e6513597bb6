package org.learninghealth.cycle.measurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasurementCsvParserTest {

    private final MeasurementCsvParser parser = new MeasurementCsvParser();

    @Test
    void readsProportionsWithOrWithoutHeaderAndMonths() {
        List<MeasurementPoint> points = parser.parse("period,numerator,denominator\n2026-01-05,12,50\n\n2026-02,3,40\n", MeasureType.PROPORTION);
        assertThat(points).containsExactly(MeasurementPoint.ratio(LocalDate.of(2026, 1, 5), 12, 50), MeasurementPoint.ratio(LocalDate.of(2026, 2, 1), 3, 40));
        assertThat(parser.parse("2026-01-05, 12 , 50", MeasureType.PROPORTION)).hasSize(1);
    }

    @Test
    void readsContinuousValuesAndCounts() {
        assertThat(parser.parse("period,value\n2026-01-05,41.5\n2026-01-12,0", MeasureType.CONTINUOUS))
                .extracting(MeasurementPoint::value).containsExactly(41.5, 0.0);
        assertThatThrownBy(() -> parser.parse("2026-01-12,-3", MeasureType.CONTINUOUS)).hasMessageContaining("line 1: value -3 is negative");
        assertThat(parser.parse("period,count\n2026-01-05,4\n2026-01-12,0", MeasureType.COUNT))
                .extracting(MeasurementPoint::value).containsExactly(4.0, 0.0);
        assertThatThrownBy(() -> parser.parse("2026-01-05,2.5\n2026-01-12,-1", MeasureType.COUNT))
                .hasMessageContaining("line 1: count 2.5 must be a whole number of events, 0 or more")
                .hasMessageContaining("line 2: count -1 must be a whole number");
        assertThatThrownBy(() -> parser.parse("period,value\n2026-01-05,4", MeasureType.COUNT))
                .hasMessageContaining("does not fit a count measure; expected period,count");
    }

    @Test
    void ratesMayExceedOneButProportionsMayNot() {
        assertThat(parser.parse("2026-01-05,12,5", MeasureType.RATE)).hasSize(1);
        assertThatThrownBy(() -> parser.parse("2026-01-05,12,5", MeasureType.PROPORTION))
                .hasMessageContaining("line 1: numerator 12 is larger than denominator 5");
    }

    @Test
    void everyBadLineIsNamedWithItsProblem() {
        String csv = "period,numerator,denominator\n2026-01-05,12,50\n2026-13-01,1,2\n2026-01-19,x,50\n2026-01-26,-1,0\n2026-01-05,1,2\n2026-02-02,1\n";
        assertThatThrownBy(() -> parser.parse(csv, MeasureType.PROPORTION))
                .isInstanceOf(MeasurementDataException.class)
                .satisfies(e -> assertThat(((MeasurementDataException) e).problems()).containsExactly(
                        "line 3: period '2026-13-01' is not a date like 2026-03-02 or a month like 2026-03",
                        "line 4: numerator 'x' is not a number",
                        "line 5: numerator -1 is negative",
                        "line 5: denominator 0 must be greater than 0",
                        "line 6: period 2026-01-05 appears twice (also on line 2)",
                        "and 1 more problems"));
    }

    @Test
    void aHeaderOfTheWrongShapeAndEmptyInputAreExplained() {
        assertThatThrownBy(() -> parser.parse("period,value\n2026-01-05,3", MeasureType.PROPORTION))
                .hasMessageContaining("line 1: the header 'period,value' does not fit a proportion measure; expected period,numerator,denominator");
        assertThatThrownBy(() -> parser.parse("  ", MeasureType.CONTINUOUS)).hasMessageContaining("paste one line per period as period,value");
        assertThatThrownBy(() -> parser.parse("period,value\n", MeasureType.CONTINUOUS)).hasMessageContaining("no data lines");
        assertThatThrownBy(() -> parser.parse("2026-01-05,NaN", MeasureType.CONTINUOUS)).hasMessageContaining("value 'NaN' is not a number");
    }
}
