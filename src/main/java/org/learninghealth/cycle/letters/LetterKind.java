package org.learninghealth.cycle.letters;

import org.learninghealth.cycle.oversight.OversightReviewProcess.Decision;
import org.learninghealth.cycle.oversight.OversightReviewProcess.Pathway;

/**
 * The determinations a letter is written for, each with its template (in {@code letters/}, or the institution's
 * folder) and the regulation it rests on (45 CFR 46, the 2018 Common Rule).
 */
public enum LetterKind {
    QI_DETERMINATION("qi-determination", "Determination: quality improvement, not human subjects research",
            "45 CFR 46.102(l): an activity not designed to develop or contribute to generalizable knowledge is not research; 45 CFR 46 does not apply."),
    EXEMPT_DETERMINATION("exempt-determination", "Determination: exempt human subjects research",
            "45 CFR 46.104(d): exempt research, determined by a reviewer other than the investigator; no continuing review (46.109(f)(1))."),
    APPROVAL("approval", "Approval", "45 CFR 46.111 (criteria for IRB approval) and 46.109(a); expedited review under 46.110, convened board under 46.108(b)."),
    MODIFICATIONS_REQUIRED("modifications-required", "Modifications required to secure approval",
            "45 CFR 46.109(a): the IRB may require modifications in order to secure approval."),
    DISAPPROVAL("disapproval", "Disapproval",
            "45 CFR 46.109(a) and (d): the IRB disapproves, states its reasons in writing, and the investigator may respond in person or in writing."),
    AMENDMENT_APPROVAL("amendment-approval", "Amendment approved",
            "45 CFR 46.108(a)(3)(iii): changes in approved research are not initiated without IRB review and approval, except where necessary to"
                    + " eliminate apparent immediate hazards; minor changes may be approved by expedited review under 46.110(b)(1)(ii)."),
    CONTINUING_REVIEW_APPROVAL("continuing-review-approval", "Continuing review: continuation approved",
            "45 CFR 46.109(e): the IRB reviews research at intervals appropriate to the degree of risk, not less than once a year; 46.109(f)(1):"
                    + " under the 2018 Common Rule research eligible for expedited review and exempt research need no continuing review, so their"
                    + " annual check-in is this institution's policy and their approval does not expire."),
    SUSPENSION("suspension", "Suspension of IRB approval",
            "45 CFR 46.113: the IRB may suspend or terminate approval of research that is not conducted in accordance with its requirements or"
                    + " that has been associated with unexpected serious harm to subjects, with a statement of its reasons, reported promptly to the"
                    + " investigator and institutional officials; 46.108(a)(4): unanticipated problems and serious or continuing non-compliance are"
                    + " reported promptly."),
    TERMINATION("termination", "Termination of IRB approval",
            "45 CFR 46.113: the IRB may suspend or terminate approval of research that is not conducted in accordance with its requirements or"
                    + " that has been associated with unexpected serious harm to subjects, with a statement of its reasons, reported promptly to the"
                    + " investigator and institutional officials."),
    CLOSURE_ACKNOWLEDGEMENT("closure-acknowledgement", "Closure acknowledged",
            "45 CFR 46.109(e): IRB oversight continues until the research is complete; 46.115(b): the IRB keeps the records of the project for at"
                    + " least 3 years after its completion.");

    private final String template;
    private final String title;
    private final String basis;

    LetterKind(String template, String title, String basis) {
        this.template = template;
        this.title = title;
        this.basis = basis;
    }

    public String template() {
        return template;
    }

    public String title() {
        return title;
    }

    public String basis() {
        return basis;
    }

    /** The letter an oversight review's decision on its pathway calls for. */
    public static LetterKind of(Decision decision, Pathway pathway) {
        return switch (decision) {
            case APPROVED -> pathway == Pathway.QI ? QI_DETERMINATION : pathway == Pathway.EXEMPT ? EXEMPT_DETERMINATION : APPROVAL;
            case MODIFICATIONS_REQUIRED -> MODIFICATIONS_REQUIRED;
            case DISAPPROVED -> DISAPPROVAL;
        };
    }
}
