package org.learninghealth.cycle.amendment;

import static org.learninghealth.cycle.amendment.AmendmentProcess.*;
import static org.learninghealth.cycle.project.CycleVariables.*;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.RolloutPlanner;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;
import org.learninghealth.cycle.system.JsonVariables;
import org.springframework.stereotype.Component;

/**
 * "Apply the amendment": the approved changes go into the running project as the next plan version. Changed fields
 * and the pathway of the amended answers replace the plan's; a longer or shorter measurement period moves its timer;
 * each removed unit's rollout that still runs is cancelled with the amendment as its reason; the added units roll
 * out next, in the amendment. The version is kept in {@code plan_version} for the audit trail.
 */
@Component("amendmentApply")
public class AmendmentApplyDelegate implements JavaDelegate {

    private final RuntimeService runtime;
    private final ManagementService management;
    private final PlanVersions versions;
    private final JsonVariables json;

    public AmendmentApplyDelegate(RuntimeService runtime, ManagementService management, PlanVersions versions, JsonVariables json) {
        this.runtime = runtime;
        this.management = management;
        this.versions = versions;
        this.json = json;
    }

    @Override
    public void execute(DelegateExecution amendment) {
        String key = (String) amendment.getVariable(AMENDMENT_PROJECT);
        ProcessInstance project = runtime.createProcessInstanceQuery().processDefinitionKey(LearningCycleProcess.KEY).processInstanceBusinessKey(key)
                .singleResult();
        if (project == null) {
            return; // the project ended while its amendment was reviewed: there is nothing left to change
        }
        Map<String, Object> changes = json.read(amendment.getVariable(AMENDMENT_CHANGE_SET), new TypeReference<HashMap<String, Object>>() { });
        Map<String, Object> apply = new HashMap<>(changes);
        if (changes.containsKey(MEASUREMENT_WEEKS)) {
            moveMeasurementPeriod(project.getId(), ((Number) runtime.getVariable(project.getId(), MEASUREMENT_WEEKS)).intValue(),
                    ((Number) changes.get(MEASUREMENT_WEEKS)).intValue());
        }
        apply.put(UNITS, amendment.getVariable(UNITS));
        apply.put(OVERSIGHT_PATHWAY, amendment.getVariable(OVERSIGHT_PATHWAY));
        apply.put(PLAN_VERSION, amendment.getVariable(PLAN_VERSION));
        runtime.setVariables(project.getId(), apply);
        String removed = (String) amendment.getVariable(AMENDMENT_REMOVE_UNITS);
        if (removed != null) {
            cancelRollouts(project.getId(), RolloutPlanner.parseUnits(removed), "Removed by the amendment of plan version "
                    + amendment.getVariable(PLAN_VERSION) + ": " + amendment.getVariable(AMENDMENT_SUMMARY));
        }
        versions.record(new PlanVersions.PlanVersion(key, ((Number) amendment.getVariable(PLAN_VERSION)).intValue(),
                ((Number) amendment.getVariable(CYCLE_NUMBER)).intValue(), amendment.getProcessInstanceId(), (String) amendment.getVariable(AMENDMENT_SUMMARY),
                (String) amendment.getVariable(AMENDMENT_CHANGES), (String) amendment.getVariable(AMENDMENT_ADD_UNITS), removed,
                (String) amendment.getVariable(PATHWAY_BEFORE), (String) amendment.getVariable(OVERSIGHT_PATHWAY),
                (String) amendment.getVariable(OVERSIGHT_REVIEWERS), ClockUtil.getCurrentTime().toInstant()));
    }

    /** The measurement period's timer, if it runs, ends as many weeks later (or earlier) as the plan changed. */
    private void moveMeasurementPeriod(String projectId, int weeksBefore, int weeksAfter) {
        for (Job timer : management.createJobQuery().processInstanceId(projectId).activityId(LearningCycleProcess.TIMER_MEASUREMENT).timers().list()) {
            management.setJobDuedate(timer.getId(), new Date(timer.getDuedate().getTime() + Duration.ofDays(7L * (weeksAfter - weeksBefore)).toMillis()));
        }
    }

    /** The running rollouts of the removed units (the project's and earlier amendments') end as removed, with the reason. */
    private void cancelRollouts(String projectId, List<String> units, String reason) {
        String key = runtime.createProcessInstanceQuery().processInstanceId(projectId).singleResult().getBusinessKey();
        for (ProcessInstance rollout : runtime.createProcessInstanceQuery().processDefinitionKey(UnitRolloutProcess.KEY).processInstanceBusinessKey(key).list()) {
            Object unit = runtime.getVariable(rollout.getId(), UNIT);
            if (unit != null && units.stream().anyMatch(u -> u.equalsIgnoreCase(unit.toString()))) {
                runtime.createMessageCorrelation(UnitRolloutProcess.MESSAGE_UNIT_REMOVED).processInstanceId(rollout.getId())
                        .setVariable(UnitRolloutProcess.REMOVAL_REASON, reason).correlateWithResult();
            }
        }
    }
}
