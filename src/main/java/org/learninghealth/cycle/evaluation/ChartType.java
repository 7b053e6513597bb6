package org.learninghealth.cycle.evaluation;

import com.fasterxml.jackson.annotation.JsonValue;

/** The Shewhart charts the evaluation draws; {@link #code()} is the name used in the API. */
public enum ChartType {
    P("p", "p chart"),
    U("u", "u chart"),
    C("c", "c chart"),
    I("i", "I chart"),
    P_PRIME("p-prime", "Laney p′ chart"),
    U_PRIME("u-prime", "Laney u′ chart"),
    G("g", "g chart"),
    T("t", "t chart"),
    XMR("xmr", "XmR chart (Making Data Count)");

    private final String code;
    private final String label;

    ChartType(String code, String label) {
        this.code = code;
        this.label = label;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public boolean isLaney() {
        return this == P_PRIME || this == U_PRIME;
    }
}
