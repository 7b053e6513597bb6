package org.learninghealth.cycle.sustain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sustain settings are checked when the application starts, with a message that says what to write instead. */
class SustainPropertiesTest {

    @ParameterizedTest
    @ValueSource(strings = {"P1M", "P7D", "PT5S", "P1DT12H", " P3M "})
    void timerDurationsAreTaken(String every) {
        assertThat(new SustainProperties(every, 12).reviewEvery()).isEqualTo(every.trim());
    }

    @ParameterizedTest
    @ValueSource(strings = {"monthly", "P0D", "PT0S", "P-1M", "PT-5S", "1M", "PT"})
    void anythingElseIsRefusedNamingTheSetting(String every) {
        assertThatThrownBy(() -> new SustainProperties(every, 12)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LC_SUSTAIN_REVIEW_EVERY").hasMessageContaining("P1M (a month)");
    }

    @Test
    void unsetMeansMonthlyAndAtLeastOneStableMonthIsNeeded() {
        assertThat(new SustainProperties(null, 12).reviewEvery()).isEqualTo("P1M");
        assertThatThrownBy(() -> new SustainProperties("P1M", 0)).hasMessageContaining("LC_SUSTAIN_STABLE_MONTHS").hasMessageContaining("at least 1");
    }
}
