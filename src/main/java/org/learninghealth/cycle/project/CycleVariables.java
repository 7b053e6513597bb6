package org.learninghealth.cycle.project;

/**
 * Names of the process variables of a learning cycle. They flow between learning-cycle, oversight-review and
 * unit-rollout, so all three models and their tests use these constants.
 */
public final class CycleVariables {

    // identity of the project
    public static final String PROJECT_KEY = "projectKey";
    public static final String PROJECT_LEAD = "projectLead";
    public static final String CYCLE_NUMBER = "cycleNumber";

    // 1 challenge (start form)
    public static final String TITLE = "title";
    public static final String PROBLEM = "problem";
    public static final String UNITS = "units";
    public static final String MEASURE_NAME = "measureName";
    public static final String MEASURE_TYPE = "measureType";
    public static final String IMPROVEMENT_DIRECTION = "improvementDirection";
    public static final String MEASURE_DEFINITION = "measureDefinition";

    // 2 triage
    /** The earlier and the running projects most like this challenge, in words, for the triage and the clarification. */
    public static final String SIMILAR_PROJECTS = "similarProjects";
    public static final String TRIAGE_DECISION = "triageDecision";
    public static final String TRIAGE_COMMENTS = "triageComments";
    public static final String CLARIFICATION_RESPONSE = "clarificationResponse";

    // 3 evidence
    public static final String EVIDENCE = "evidence";
    public static final String EVIDENCE_QUERY = "evidenceQuery";
    public static final String EVIDENCE_COUNT = "evidenceCount";
    public static final String EVIDENCE_NOTICE = "evidenceNotice";
    public static final String EVIDENCE_OPTIONS = "evidenceOptions";
    public static final String EVIDENCE_USED = "evidenceUsed";
    public static final String RERUN_EVIDENCE = "rerunEvidence";

    // 4 plan and oversight questionnaire
    public static final String AIM = "aim";
    public static final String AIM_TARGET = "aimTarget";
    public static final String CHANGE_IDEA = "changeIdea";
    public static final String BALANCING_MEASURE = "balancingMeasure";
    public static final String MEASUREMENT_WEEKS = "measurementWeeks";
    public static final String INVESTIGATIONAL_PRODUCT = "investigationalProduct";
    public static final String MORE_THAN_MINIMAL_RISK = "moreThanMinimalRisk";
    public static final String WITHHOLDS_STANDARD_CARE = "withholdsStandardCare";
    public static final String RANDOMIZES = "randomizes";
    public static final String GENERALIZABLE_KNOWLEDGE = "generalizableKnowledge";
    public static final String FUNDED_AS_RESEARCH = "fundedAsResearch";
    public static final String IDENTIFIABLE_DATA = "identifiableDataBeyondRoutineCare";
    public static final String AIMS_LOCAL_IMPROVEMENT = "aimsLocalImprovement";
    public static final String INTENDS_TO_PUBLISH = "intendsToPublish";
    /** Patients or families will notice the change (care, information, surroundings): the partners review it. Absent means no. */
    public static final String PATIENT_FACING = "patientFacing";
    /** "In plain words for patients and families": required for a patient-facing change, shown on the public page. */
    public static final String PLAIN_SUMMARY = "plainSummary";

    // 5-6 oversight
    public static final String OVERSIGHT_PATHWAY = "oversightPathway";
    public static final String OVERSIGHT_DECISION = "oversightDecision";
    public static final String OVERSIGHT_COMMENTS = "oversightComments";
    public static final String OVERSIGHT_CONDITIONS = "oversightConditions";
    public static final String OVERSIGHT_REVIEWERS = "oversightReviewers";
    /** Where the determination letter of the last oversight review is downloaded ({@code /api/cycles/{key}/letters/{id}.pdf}). */
    public static final String OVERSIGHT_LETTER = "oversightLetter";

    // 7 rollout (per unit, inside unit-rollout)
    public static final String UNIT = "unit";

    // 8-9 measurement and evaluation
    public static final String MEASUREMENT_CSV = "measurementCsv";
    /** Task-local: what the cycle already holds, shown in the submit form. */
    public static final String MEASUREMENTS_STORED = "measurementsStored";
    /** Optional FHIR source of the plan: the server's base URL and the Measure's canonical URL. */
    public static final String FHIR_SERVER = "fhirServer";
    public static final String FHIR_MEASURE = "fhirMeasure";
    /** Making Data Count's icons of the evaluated chart's last point: {@code common-cause}, {@code pass}, ... */
    public static final String VARIATION_ICON = "variationIcon";
    public static final String ASSURANCE_ICON = "assuranceIcon";
    /** optional override of the installation's rule set: {@code anhoej} or {@code nhs-mdc} */
    public static final String SPC_RULES = "spcRules";
    /** What the last pull from the FHIR server did (or why it could not), shown in the submit form. */
    public static final String FHIR_PULL_STATUS = "fhirPullStatus";
    /** When the last pull succeeded (ISO instant): the next one asks for reports updated since. */
    public static final String FHIR_PULLED_AT = "fhirPulledAt";
    public static final String BALANCING_MEASURE_HARMED = "balancingMeasureHarmed";
    public static final String BALANCING_NOTES = "balancingNotes";
    public static final String DATA_SUFFICIENT = "dataSufficient";
    public static final String DATA_SHORTFALL = "dataShortfall";
    public static final String BASELINE_PERIODS = "baselinePeriods";
    public static final String INTERVENTION_PERIODS = "interventionPeriods";
    public static final String FIRST_GO_LIVE = "firstGoLive";
    public static final String BASELINE_VALUE = "baselineValue";
    public static final String INTERVENTION_VALUE = "interventionValue";
    public static final String ABSOLUTE_CHANGE = "absoluteChange";
    public static final String RELATIVE_CHANGE = "relativeChange";
    public static final String IMPROVED = "improved";
    public static final String IMPROVEMENT_SIGNAL = "improvementSignal";
    public static final String CHART_TYPE = "chartType";
    public static final String EFFECT_TYPE = "effectType";
    public static final String EFFECT_ESTIMATE = "effectEstimate";
    public static final String EFFECT_CI_LOW = "effectCiLow";
    public static final String EFFECT_CI_HIGH = "effectCiHigh";
    public static final String SIGNIFICANT = "significant";
    public static final String P_VALUE = "pValue";
    public static final String STATISTICAL_TEST = "statisticalTest";
    public static final String AIM_MET = "aimMet";
    public static final String EVALUATION_SUMMARY = "evaluationSummary";
    /** Which units improved on their own charts ("Improved on its own chart: 4 West."), null without unit data. */
    public static final String UNIT_RESULTS = "unitResults";
    /** Whether there are per-unit charts to show. */
    public static final String UNIT_CHARTS = "unitCharts";

    // 10-12 recommendation, interpretation, decision
    public static final String RECOMMENDATION = "recommendation";
    public static final String RECOMMENDATION_REASON = "recommendationReason";
    public static final String INTERPRETATION = "interpretation";
    public static final String LESSONS_LEARNED = "lessonsLearned";
    public static final String DECISION = "decision";
    public static final String DECISION_RATIONALE = "decisionRationale";
    /** The manager shares a finished project on the public learning page (default no). */
    public static final String SHARE_PUBLICLY = "sharePublicly";
    /** The evaluation in plain words ({@code PlainLanguage}), for the partners and the public page. */
    public static final String PLAIN_RESULT = "plainResult";

    // 13-14 knowledge and next cycle
    public static final String OUTCOME = "outcome";
    public static final String CYCLE_OUTCOME = "cycleOutcome";
    public static final String KNOWLEDGE_RECORD_ID = "knowledgeRecordId";
    public static final String PREVIOUS_CYCLES = "previousCycles";

    // 15 sustain monitoring after "adopt"
    /** The last period the adopting evaluation used: the sustain review judges the periods after it. */
    public static final String EVALUATED_THROUGH = "evaluatedThrough";
    /** When monitoring began (ISO date), and when the latest stretch without a slip began (an accepted slip restarts it). */
    public static final String SUSTAIN_SINCE = "sustainSince";
    public static final String SUSTAIN_STABLE_SINCE = "sustainStableSince";
    /** The latest period the last review saw, and the latest period of a slip the managers accepted. */
    public static final String SUSTAIN_SEEN_THROUGH = "sustainSeenThrough";
    public static final String SUSTAIN_ACCEPTED_THROUGH = "sustainAcceptedThrough";
    /** Reviews in a row that found no new period. */
    public static final String SUSTAIN_QUIET_REVIEWS = "sustainQuietReviews";
    /** What the last review found: {@code continue}, {@code slipped}, {@code overdue} or {@code sustained}. */
    public static final String SUSTAIN_VERDICT = "sustainVerdict";
    /** The last review in words, and for a slip the points and rules that fired and the latest of those periods. */
    public static final String SUSTAIN_STATUS = "sustainStatus";
    public static final String SUSTAIN_SIGNAL = "sustainSignal";
    public static final String SUSTAIN_SIGNAL_THROUGH = "sustainSignalThrough";
    /** The adopted phase's centre line and the mean of the periods since. */
    public static final String SUSTAIN_ADOPTED_LEVEL = "sustainAdoptedLevel";
    public static final String SUSTAIN_LEVEL = "sustainLevel";
    /** The managers' answer to a slip: {@code new-cycle}, {@code accept} or {@code stop}, with their reason. */
    public static final String SUSTAIN_DECISION = "sustainDecision";
    public static final String SUSTAIN_DECISION_REASON = "sustainDecisionReason";
    /** How monitoring ended: {@code sustained}, {@code stopped} or {@code new-cycle}. */
    public static final String SUSTAIN_OUTCOME = "sustainOutcome";
    /** Months from the start of monitoring to its end, as the knowledge record and the portfolio show it. */
    public static final String SUSTAIN_MONTHS = "sustainMonths";

    // safety events and withdrawal
    public static final String SAFETY_EVENT_DESCRIPTION = "safetyEventDescription";
    public static final String SAFETY_EVENT_SEVERITY = "safetyEventSeverity";
    public static final String SAFETY_EVENT_REPORTED_BY = "safetyEventReportedBy";
    public static final String SAFETY_DECISION = "safetyDecision";
    public static final String SAFETY_REVIEW_NOTES = "safetyReviewNotes";
    /** The day the reported problem was discovered, and the day its report was due (business days after it). */
    public static final String SAFETY_EVENT_DISCOVERED = "safetyEventDiscovered";
    public static final String SAFETY_EVENT_REPORT_DUE = "safetyEventReportDue";
    /** True when the report reached the IRB after it was due. */
    public static final String SAFETY_EVENT_LATE = "safetyEventLate";
    /** The IRB reviewer's classification of the new information ({@code LearningCycleProcess.Classification}). */
    public static final String SAFETY_CLASSIFICATION = "safetyClassification";
    public static final String SAFETY_REVIEWER = "safetyReviewer";
    /** The version of the plan in force: 1 as approved, one more for each approved amendment. */
    public static final String PLAN_VERSION = "planVersion";
    public static final String WITHDRAWAL_REASON = "withdrawalReason";
    public static final String WITHDRAWN_BY = "withdrawnBy";

    // gate follow-ups (local input of the reminder and escalation tasks)
    public static final String GATE_TASK = "gateTask";

    private CycleVariables() {
    }
}
