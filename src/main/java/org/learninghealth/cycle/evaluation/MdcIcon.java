package org.learninghealth.cycle.evaluation;

import java.util.stream.Stream;

/** A Making Data Count icon, variation or assurance, by its API code and text alternative. */
public sealed interface MdcIcon permits VariationIcon, AssuranceIcon {

    String code();

    /** the text alternative of the icon */
    String text();

    /** @return the variation or assurance icon with this API code (the two sets share none), or {@code null} for none or an unknown one */
    static MdcIcon ofCode(String code) {
        return Stream.concat(Stream.of(VariationIcon.values()), Stream.of(AssuranceIcon.values())).filter(i -> i.code().equals(code))
                .findFirst().orElse(null);
    }
}
