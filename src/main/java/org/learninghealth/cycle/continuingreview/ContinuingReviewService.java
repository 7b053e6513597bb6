package org.learninghealth.cycle.continuingreview;

import static org.learninghealth.cycle.continuingreview.ContinuingReviewProcess.*;
import static org.learninghealth.cycle.project.CycleVariables.*;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.learninghealth.cycle.continuingreview.ApprovalPeriods.ApprovalPeriod;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.sustain.SustainClock;
import org.springframework.stereotype.Service;

/**
 * The approval period of an IRB-approved project: opened at its first approval on a pathway with continuing review,
 * its dates for the model's timers ({@code ${continuingReview.dueAt(execution)}}), renewed when the IRB approves the
 * continuation, closed when the project ends; and whether an expiring approval has lapsed, which
 * {@link org.learninghealth.cycle.oversight.ProjectStanding} checks before go-lives and new cycles.
 */
@Service("continuingReview")
public class ContinuingReviewService {

    /** What the continuing review starts with from the project, as a call activity would pass it in. */
    public static final List<String> PASSED_IN = List.of(PROJECT_KEY, PROJECT_LEAD, TITLE, CYCLE_NUMBER, OVERSIGHT_PATHWAY);

    private final ContinuingReviewProperties properties;
    private final ApprovalPeriods periods;
    private final RuntimeService runtime;
    private final ApiCaller caller;

    public ContinuingReviewService(ContinuingReviewProperties properties, ApprovalPeriods periods, RuntimeService runtime, ApiCaller caller) {
        this.properties = properties;
        this.periods = periods;
        this.runtime = runtime;
        this.caller = caller;
    }

    public Date opensAt(VariableScope execution) {
        return startOf(due(execution).minus(properties.firstNotice()));
    }

    public Date secondNoticeAt(VariableScope execution) {
        return startOf(due(execution).minus(properties.secondNotice()));
    }

    public Date lastNoticeAt(VariableScope execution) {
        return startOf(due(execution).minus(properties.lastNotice()));
    }

    /** The first moment of the due day: an expiring approval is lapsed from then on. */
    public Date dueAt(VariableScope execution) {
        return startOf(due(execution));
    }

    private static LocalDate due(VariableScope execution) {
        return LocalDate.parse((String) execution.getVariable(CONTINUING_REVIEW_DUE));
    }

    private static Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /**
     * An approval on {@code pathway}: when the pathway has continuing review and the project has no approval period
     * yet, opens one from today and starts its continuing review. Later approvals (a revised plan, a new cycle, a
     * spread) keep the dates, as an amendment does.
     */
    public void approved(String projectKey, String pathway, Map<String, Object> project) {
        Period period = pathway == null ? null : properties.periodOf(pathway);
        // a spread approved after the project's cycle ended has nothing left to review
        if (period == null || caller.asSystem(() -> runtime.createProcessInstanceQuery().processDefinitionKey(LearningCycleProcess.KEY)
                .processInstanceBusinessKey(projectKey).count()) == 0) {
            return;
        }
        LocalDate today = SustainClock.today();
        LocalDate due = today.plus(period);
        if (!periods.open(projectKey, (String) project.get(TITLE), (String) project.get(PROJECT_LEAD), pathway, today, due, properties.expiresOn(pathway))) {
            return;
        }
        VariableMap start = Variables.createVariables();
        PASSED_IN.forEach(name -> start.putValue(name, project.get(name)));
        start.putValue(PROJECT_KEY, projectKey);
        start.putValue(OVERSIGHT_PATHWAY, pathway);
        start.putValue(CONTINUING_REVIEW_DUE, due.toString());
        start.putValue(APPROVAL_EXPIRES, properties.expiresOn(pathway));
        start.putValue(CONTINUING_REVIEW_NOTICES, "Approved " + today + " on the " + pathway + " pathway: " + (properties.expiresOn(pathway)
                ? "the approval expires on " + due : "annual check-in due " + due) + ".");
        caller.asSystem(() -> runtime.startProcessInstanceByKey(KEY, projectKey, start));
    }

    /** The project ended: nothing is due any more. */
    public void ended(String projectKey) {
        caller.asSystem(() -> {
            for (ProcessInstance review : runtime.createProcessInstanceQuery().processDefinitionKey(KEY).processInstanceBusinessKey(projectKey).list()) {
                runtime.deleteProcessInstance(review.getId(), "The project ended, so its approval needs no continuing review.", true);
            }
            return null;
        });
        periods.close(projectKey, SustainClock.today());
    }

    /** The continuation approved today: the next period runs from the old due date when renewed in time, else from today. */
    public LocalDate renew(String projectKey) {
        ApprovalPeriod period = periods.find(projectKey).orElseThrow(() -> new IllegalStateException("No approval period of " + projectKey));
        LocalDate today = SustainClock.today();
        Period length = Optional.ofNullable(properties.periodOf(period.pathway())).orElse(Period.ofMonths(12));
        LocalDate next = (today.isBefore(period.reviewDue()) ? period.reviewDue() : today).plus(length);
        periods.renew(projectKey, today, next);
        return next;
    }

    /** The project's approval, when it has lapsed. */
    public Optional<ApprovalPeriod> lapsed(String projectKey) {
        LocalDate today = SustainClock.today();
        return periods.find(projectKey).filter(p -> p.lapsed(today));
    }

    /** Adds a dated line to the approval's log ({@code continuingReviewNotices}), which the audit trail shows. */
    public static void log(org.camunda.bpm.engine.delegate.DelegateExecution execution, String line) {
        Object earlier = execution.getVariable(CONTINUING_REVIEW_NOTICES);
        execution.setVariable(CONTINUING_REVIEW_NOTICES, org.learninghealth.cycle.system.VariableText.tail((earlier == null ? "" : earlier + "\n")
                + SustainClock.today() + ": " + line));
    }

    public static String lapseMessage(ApprovalPeriod p, String what) {
        return what + " is refused: the IRB approval of " + p.projectKey() + " (" + p.pathway().replace('_', ' ') + ") lapsed on " + p.reviewDue()
                + " and its continuing review is not approved yet. Measurements already collected may still be submitted; submit the continuing"
                + " review so that the IRB can renew the approval.";
    }
}
