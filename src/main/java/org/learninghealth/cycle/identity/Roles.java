package org.learninghealth.cycle.identity;

import java.util.List;

/** Camunda groups of the product's roles. */
public final class Roles {

    public static final String PROJECT_LEADS = "project-leads";
    public static final String MANAGERS = "managers";
    public static final String IRB_REVIEWERS = "irb-reviewers";
    public static final String UNIT_CHAMPIONS = "unit-champions";
    public static final String ADMINS = "camunda-admin";
    /** The analytics team: loads measurements for every project and may do nothing else (not one of {@link #ALL}). */
    public static final String DATA_ANALYSTS = "data-analysts";
    /**
     * Patient and family advisors (a Patient and Family Advisory Council): they review patient-facing changes and help
     * interpret results in Tasklist and see nothing but their own tasks (not one of {@link #ALL}, the staff roles).
     */
    public static final String PATIENT_PARTNERS = "patient-partners";

    public static final List<String> ALL = List.of(PROJECT_LEADS, MANAGERS, IRB_REVIEWERS, UNIT_CHAMPIONS, ADMINS);

    private Roles() {
    }
}
