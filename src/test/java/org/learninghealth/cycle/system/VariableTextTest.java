package org.learninghealth.cycle.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VariableTextTest {

    @Test
    void shortTextsStayAsTheyAre() {
        assertThat(VariableText.fit("ok", "x")).isEqualTo("ok");
        assertThat(VariableText.tail("ok")).isEqualTo("ok");
        assertThat(VariableText.fit(null, "x")).isNull();
    }

    @Test
    void longTextsAreCutToTheColumnAndSaySo() {
        String text = "a".repeat(5000);
        assertThat(VariableText.fit(text, "the votes")).hasSize(4000).endsWith("[... cut; the whole text is in the votes]");
        String log = "old\n".repeat(1500) + "Cycle 9: ADAPT - newest";
        assertThat(VariableText.tail(log)).hasSize(4000).startsWith("[earlier lines cut]\n").endsWith("Cycle 9: ADAPT - newest");
    }
}
