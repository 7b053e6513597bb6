package org.learninghealth.cycle.project;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.learninghealth.cycle.measurement.FhirPullService;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.rollout.RolloutPlanner;
import org.learninghealth.cycle.system.VariableText;
import org.springframework.stereotype.Component;

import static org.learninghealth.cycle.project.CycleVariables.*;

/**
 * On completing the plan: the answers the later steps depend on must make sense, whatever client submitted them
 * (Tasklist validates too, but REST callers skip the form).
 */
@Component("planValidation")
public class PlanValidationListener implements TaskListener {

    private final FhirPullService fhir;

    public PlanValidationListener(FhirPullService fhir) {
        this.fhir = fhir;
    }

    static final int MAX_MEASUREMENT_WEEKS = 104;

    /** The questionnaire oversight-pathway.dmn reads; an unanswered question must not slip through as "no". */
    static final List<String> QUESTIONNAIRE = List.of(INVESTIGATIONAL_PRODUCT, MORE_THAN_MINIMAL_RISK, WITHHOLDS_STANDARD_CARE, RANDOMIZES,
            GENERALIZABLE_KNOWLEDGE, FUNDED_AS_RESEARCH, IDENTIFIABLE_DATA, AIMS_LOCAL_IMPROVEMENT);

    @Override
    public void notify(DelegateTask task) {
        if (Boolean.TRUE.equals(task.getVariable(RERUN_EVIDENCE))) {
            return; // the lead asked for the evidence again; the plan comes after
        }
        List<String> problems = new ArrayList<>();
        try {
            RolloutPlanner.parseUnits((String) task.getVariable(UNITS));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        Object weeks = task.getVariable(MEASUREMENT_WEEKS);
        if (!(weeks instanceof Number n) || n.intValue() != n.doubleValue() || n.intValue() < 1 || n.intValue() > MAX_MEASUREMENT_WEEKS) {
            problems.add("The measurement period must be a whole number of weeks from 1 to " + MAX_MEASUREMENT_WEEKS + " (was " + weeks + ").");
        } else if (!(weeks instanceof Integer)) {
            task.setVariable(MEASUREMENT_WEEKS, n.intValue());
        }
        MeasureType type = MeasureType.of((String) task.getVariable(MEASURE_TYPE));
        if (type.isBetweenEvents() && "decrease".equalsIgnoreCase(String.valueOf(task.getVariable(IMPROVEMENT_DIRECTION)))) {
            problems.add("For " + type.code() + " more between events is better, but the challenge says lower is better: ask the triage to"
                    + " correct the direction, or measure a count or rate instead.");
        }
        try {
            org.learninghealth.cycle.evaluation.RuleSet.of((String) task.getVariable(SPC_RULES), null);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        Object target = task.getVariable(AIM_TARGET);
        if (!(target instanceof Number t)) {
            problems.add("Set the aim target: the value of the measure that would mean the aim is met.");
        } else if (type == MeasureType.PROPORTION && (t.doubleValue() < 0 || t.doubleValue() > 1)) {
            problems.add("For a proportion the aim target is a fraction from 0 to 1 (0.15 for 15%), was " + t + ".");
        } else if (t.doubleValue() < 0 && type != MeasureType.CONTINUOUS) {
            problems.add("The aim target cannot be negative (was " + t + ").");
        }
        List<String> unanswered = QUESTIONNAIRE.stream().filter(q -> !(task.getVariable(q) instanceof Boolean)).toList();
        if (!unanswered.isEmpty()) {
            problems.add("Answer every oversight question (unanswered: " + String.join(", ", unanswered) + ").");
        }
        Object summary = task.getVariable(PLAIN_SUMMARY);
        if (Boolean.TRUE.equals(task.getVariable(PATIENT_FACING)) && (summary == null || summary.toString().isBlank())) {
            problems.add("Patients or families will notice this change: describe it in plain words for them (what will be different for"
                    + " them, and why), in short sentences and everyday words.");
        } else if (summary != null && summary.toString().length() > VariableText.MAX) {
            problems.add("The summary in plain words has " + summary.toString().length() + " characters; shorten it to at most "
                    + VariableText.MAX + ".");
        }
        String fhirProblem = fhir.problemWith((String) task.getVariable(FHIR_SERVER), (String) task.getVariable(FHIR_MEASURE));
        if (fhirProblem != null) {
            problems.add(fhirProblem);
        }
        if (!problems.isEmpty()) {
            throw new BadUserRequestException("The plan cannot be submitted yet: " + String.join(" ", problems));
        }
    }
}
