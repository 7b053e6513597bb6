package org.learninghealth.cycle.spread;

import static org.learninghealth.cycle.project.CycleVariables.*;
import static org.learninghealth.cycle.spread.SpreadProcess.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.knowledge.KnowledgeRecord;
import org.learninghealth.cycle.knowledge.KnowledgeRepository;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.oversight.ProjectStanding;
import org.learninghealth.cycle.partners.PatientReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.RolloutPlanner;
import org.learninghealth.cycle.rollout.SpreadUnits;
import org.learninghealth.cycle.system.StartRefusal;
import org.springframework.stereotype.Component;

/**
 * The start of a spread, from Tasklist's start form or the API alike: the project must have adopted its change (and
 * not slipped into a new cycle, been halted or withdrawn since), only one spread of a project runs at a time, and a
 * unit the change is already on or being spread to is refused. The spread takes the adopted plan with it (what
 * oversight, the rollouts and the evaluation read), runs under the project's key, and needs a new review unless the
 * project is on the QI pathway and the change spreads unchanged. Also the spread's units and measurement period, as
 * {@code ${spreadRequest.units(execution)}} and {@code ${spreadRequest.period(execution)}}.
 */
@Component("spreadRequest")
public class SpreadRequest implements ExecutionListener {

    /** What a spread takes from the adopted project. */
    public static final List<String> PLAN = List.of(PROJECT_KEY, PROJECT_LEAD, TITLE, PROBLEM, UNITS, AIM, CHANGE_IDEA, MEASURE_NAME, MEASURE_TYPE,
            IMPROVEMENT_DIRECTION, MEASURE_DEFINITION, AIM_TARGET, BALANCING_MEASURE, MEASUREMENT_WEEKS, OVERSIGHT_PATHWAY, CYCLE_NUMBER, SPC_RULES,
            INVESTIGATIONAL_PRODUCT, MORE_THAN_MINIMAL_RISK, WITHHOLDS_STANDARD_CARE, RANDOMIZES, GENERALIZABLE_KNOWLEDGE, FUNDED_AS_RESEARCH,
            IDENTIFIABLE_DATA, AIMS_LOCAL_IMPROVEMENT, INTENDS_TO_PUBLISH, PATIENT_FACING, PLAIN_SUMMARY, PatientReviewProcess.PARTNER_VIEW,
            PatientReviewProcess.PARTNER_COMMENTS, PatientReviewProcess.PARTNER_CONCERNS, PatientReviewProcess.CONCERN_ANSWERS, SUSTAIN_OUTCOME);

    /** How monitoring ended when the change is no longer there to spread. */
    static final Set<String> GONE = Set.of("new-cycle", "halted", "withdrawn");

    static final int MAX_REASON = 2000;

    private final RuntimeService runtime;
    private final HistoryService history;
    private final IdentityService identity;
    private final KnowledgeRepository knowledge;
    private final SpreadUnits spreadUnits;
    private final ProjectStanding standing;

    public SpreadRequest(RuntimeService runtime, HistoryService history, IdentityService identity, KnowledgeRepository knowledge,
                         SpreadUnits spreadUnits, ProjectStanding standing) {
        this.runtime = runtime;
        this.standing = standing;
        this.history = history;
        this.identity = identity;
        this.knowledge = knowledge;
        this.spreadUnits = spreadUnits;
    }

    public List<String> units(VariableScope scope) {
        return RolloutPlanner.parseUnits((String) scope.getVariable(SPREAD_UNITS));
    }

    /** The weeks the adopted plan measured for, after the last new unit went live. */
    public String period(VariableScope scope) {
        return "P" + ((Number) scope.getVariable(MEASUREMENT_WEEKS)).intValue() * 7 + "D";
    }

    @Override
    public void notify(DelegateExecution execution) {
        Authentication user = identity.getCurrentAuthentication();
        if (user != null && !ApiCaller.inAnyGroup(user, List.of(Roles.MANAGERS, Roles.ADMINS))) {
            throw StartRefusal.forbidden("Only managers and administrators spread an adopted change to more units.");
        }
        String key = text(execution, SPREAD_PROJECT);
        if (key == null) {
            throw StartRefusal.badRequest("Name the project whose adopted change is to spread: its key, like LC-2026-0001.");
        }
        List<String> units;
        try {
            units = RolloutPlanner.parseUnits(text(execution, SPREAD_UNITS));
        } catch (IllegalArgumentException e) {
            throw StartRefusal.badRequest("Name the units to spread the change to, separated by commas.");
        }
        String reason = text(execution, SPREAD_REASON);
        if (reason == null || reason.length() > MAX_REASON) {
            throw StartRefusal.badRequest(reason == null ? "Say why the change should spread to " + String.join(", ", units)
                    + ": oversight and the knowledge record read it." : "Shorten the reason to at most " + MAX_REASON + " characters.");
        }
        boolean adapted = Boolean.TRUE.equals(execution.getVariable(CHANGE_ADAPTED));
        if (adapted && text(execution, SPREAD_ADAPTATION) == null) {
            throw StartRefusal.badRequest("Describe how the change is adapted for the new units: oversight reviews the adapted change.");
        }
        Map<String, Object> plan = adoptedPlan(key.trim());
        standing.refusal(key.trim(), "A spread to " + String.join(", ", units)).ifPresent(message -> {
            throw StartRefusal.conflict(message);
        });
        int cycle = ((Number) plan.get(CYCLE_NUMBER)).intValue();
        List<ProcessInstance> running = runtime.createProcessInstanceQuery().processDefinitionKey(KEY).processInstanceBusinessKey(key.trim()).listPage(0, 1);
        if (!running.isEmpty()) {
            throw StartRefusal.conflict("A spread of " + key.trim() + " is under way (to " + runtime.getVariable(running.get(0).getId(), SPREAD_UNITS)
                    + "): spread to more units once it has been evaluated.");
        }
        Set<String> all = new LinkedHashSet<>(RolloutPlanner.parseUnits((String) plan.get(UNITS)));
        all.addAll(spreadUnits.active(key.trim()));
        List<String> already = units.stream().filter(all::contains).toList();
        if (!already.isEmpty()) {
            throw StartRefusal.badRequest("The change is already on, or being spread to, " + String.join(", ", already) + ". Name only new units.");
        }
        all.addAll(units);
        plan.remove(SUSTAIN_OUTCOME);
        execution.setVariables(plan);
        execution.setVariable(UNITS, String.join(", ", all));
        execution.setVariable(SPREAD_UNITS, String.join(", ", units));
        execution.setVariable(SPREAD_REASON, reason);
        execution.setVariable(CHANGE_ADAPTED, adapted);
        execution.setVariable(SPREAD_BY, user == null ? null : user.getUserId());
        boolean qi = OversightReviewProcess.Pathway.QI.name().equals(plan.get(OVERSIGHT_PATHWAY));
        execution.setVariable(SPREAD_NEEDS_REVIEW, !qi || adapted);
        execution.setProcessBusinessKey(key.trim());
        spreadUnits.request(key.trim(), cycle, units, execution.getProcessInstanceId(), reason, user == null ? null : user.getUserId());
    }

    /** The variables of the project's adopting plan, from the running cycle or, after it ended, from its history. */
    private Map<String, Object> adoptedPlan(String key) {
        Map<String, Object> plan = new HashMap<>();
        ProcessInstance main = runtime.createProcessInstanceQuery().processDefinitionKey(LearningCycleProcess.KEY).processInstanceBusinessKey(key)
                .singleResult();
        if (main != null) {
            runtime.getVariables(main.getId(), PLAN).forEach((name, value) -> {
                if (value != null) {
                    plan.put(name, value);
                }
            });
        } else {
            HistoricProcessInstance ended = history.createHistoricProcessInstanceQuery().processDefinitionKey(LearningCycleProcess.KEY)
                    .processInstanceBusinessKey(key).singleResult();
            if (ended == null) {
                throw StartRefusal.notFound("No project " + key + ".");
            }
            for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery().processInstanceId(ended.getId())
                    .variableNameIn(PLAN.toArray(String[]::new)).list()) {
                if (ended.getId().equals(v.getActivityInstanceId()) && v.getValue() != null) {
                    plan.put(v.getName(), v.getValue());
                }
            }
        }
        Object cycle = plan.get(CYCLE_NUMBER);
        KnowledgeRecord record = cycle instanceof Number n ? knowledge.find(key, n.intValue()).orElse(null) : null;
        if (record == null || !"ADOPT".equals(record.decision())) {
            throw StartRefusal.conflict(key + " has not adopted its change" + (record == null ? " (cycle " + cycle + " is not decided yet)"
                    : " (cycle " + cycle + " was decided " + record.decision() + ")") + ": a change is spread after its adoption.");
        }
        if (plan.get(SUSTAIN_OUTCOME) != null && GONE.contains(plan.get(SUSTAIN_OUTCOME))) {
            throw StartRefusal.conflict(key + "'s adopted change is no longer in place (monitoring ended: " + plan.get(SUSTAIN_OUTCOME)
                    + "): spread the change of a later cycle once it is adopted.");
        }
        return plan;
    }

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
