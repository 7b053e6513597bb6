package org.learninghealth.cycle.audit;

import static org.learninghealth.cycle.project.CycleVariables.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.learninghealth.cycle.amendment.AmendmentProcess;
import org.learninghealth.cycle.amendment.PlanVersions;
import org.learninghealth.cycle.closure.ClosureProcess;
import org.learninghealth.cycle.continuingreview.ContinuingReviewProcess;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.letters.Letters;
import org.learninghealth.cycle.measurement.MeasurementPoint;
import org.learninghealth.cycle.measurement.MeasurementRepository;
import org.learninghealth.cycle.measurement.MeasurementUpload;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.partners.PatientInterpretationProcess;
import org.learninghealth.cycle.partners.PatientReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.project.TaskContextPlugin;
import org.learninghealth.cycle.reportable.SuspensionProcess;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;
import org.learninghealth.cycle.spread.SpreadProcess;
import org.learninghealth.cycle.system.ApiException;
import org.springframework.stereotype.Service;

/**
 * The audit trail of a project for the IRB and managers: every human step with who completed it, when, and what
 * they decided and wrote, plus the evaluation the decision rested on. Taken from Camunda history (task history, the
 * variable updates each completion made, the user operation log), which project members cannot edit.
 */
@Service
public class AuditService {

    /** What a person may enter at a step and the trail shows. */
    static final List<String> RECORDED = List.of(TRIAGE_DECISION, TRIAGE_COMMENTS, CLARIFICATION_RESPONSE, OversightReviewProcess.REVIEW_DECISION,
            OversightReviewProcess.REVIEW_COMMENTS, "reviewConditions", OversightReviewProcess.EXEMPT_CATEGORY, UnitRolloutProcess.GO_LIVE_DATE, UnitRolloutProcess.FIDELITY_NOTES,
            EVIDENCE_USED, AIM, AIM_TARGET, CHANGE_IDEA, BALANCING_MEASURE_HARMED, INTERPRETATION, LESSONS_LEARNED, DECISION,
            DECISION_RATIONALE, SAFETY_DECISION, SAFETY_REVIEW_NOTES, PATIENT_FACING, PLAIN_SUMMARY, PatientReviewProcess.PARTNER_VIEW,
            PatientReviewProcess.PARTNER_COMMENTS, PatientReviewProcess.PARTNER_CONCERNS, PatientReviewProcess.CONCERN_ANSWERS,
            PatientInterpretationProcess.PARTNER_INTERPRETATION, SHARE_PUBLICLY, SpreadProcess.SPREAD_CONCLUSION, ClosureProcess.CLOSURE_SUMMARY,
            ClosureProcess.CLOSURE_PROBLEMS, ClosureProcess.CLOSURE_DATA, ClosureProcess.CLOSURE_ACTIVITIES_ENDED, ClosureProcess.CLOSURE_DECISION,
            ClosureProcess.CLOSURE_COMMENTS, ContinuingReviewProcess.CONTINUING_REVIEW_PROGRESS, ContinuingReviewProcess.CONTINUING_REVIEW_PROBLEMS, ContinuingReviewProcess.CONTINUING_REVIEW_CHANGES,
            ContinuingReviewProcess.CONTINUING_REVIEW_DECISION, ContinuingReviewProcess.CONTINUING_REVIEW_COMMENTS, SAFETY_CLASSIFICATION,
            SuspensionProcess.SUSPENSION_DECISION, SuspensionProcess.SUSPENSION_REASON, AmendmentProcess.AMENDMENT_SUMMARY, AmendmentProcess.AMENDMENT_CHANGES);

    /** What the system decided at its own steps. */
    static final List<String> SYSTEM = List.of(OVERSIGHT_PATHWAY, OVERSIGHT_DECISION, OVERSIGHT_CONDITIONS, EVALUATION_SUMMARY,
            IMPROVEMENT_SIGNAL, SIGNIFICANT, AIM_MET, RECOMMENDATION, RECOMMENDATION_REASON, CYCLE_OUTCOME, SpreadProcess.SPREAD_OVERSIGHT,
            SpreadProcess.SPREAD_SUMMARY, ClosureProcess.CLOSURE_ENDING_TEXT, ContinuingReviewProcess.CONTINUING_REVIEW_NOTICES, ContinuingReviewProcess.CONTINUING_REVIEW_DUE, SAFETY_EVENT_DISCOVERED, SAFETY_EVENT_REPORT_DUE,
            SAFETY_EVENT_LATE);

    /** One entry: a step, who did it, when, and the values it recorded. */
    public record Entry(Instant at, String step, String by, Map<String, Object> recorded) {
    }

    private final HistoryService history;
    private final ApiCaller caller;
    private final MeasurementRepository measurements;
    private final Letters letters;
    private final PlanVersions planVersions;

    public AuditService(HistoryService history, ApiCaller caller, MeasurementRepository measurements, Letters letters, PlanVersions planVersions) {
        this.letters = letters;
        this.planVersions = planVersions;
        this.history = history;
        this.caller = caller;
        this.measurements = measurements;
    }

    /** At most this many replaced values are listed per submission; the count says how many there were. */
    static final int REPLACED_SHOWN = 20;

    /** Every submission of measurements: what it stored, and the values it replaced with who had sent them and when. */
    private List<Entry> measurementEntries(String projectKey) {
        Map<Long, List<MeasurementRepository.Revision>> replaced = new LinkedHashMap<>();
        measurements.revisions(projectKey).forEach(r -> replaced.computeIfAbsent(r.uploadId(), k -> new ArrayList<>()).add(r));
        List<Entry> entries = new ArrayList<>();
        List<MeasurementUpload> uploads = new ArrayList<>(measurements.uploads(projectKey, null, 10_000));
        java.util.Collections.reverse(uploads); // oldest first, also when several share a timestamp
        for (MeasurementUpload u : uploads) {
            Map<String, Object> recorded = new LinkedHashMap<>();
            recorded.put("cycle", u.cycle());
            recorded.put("source", u.source());
            if (u.fileName() != null) {
                recorded.put("file", u.fileName());
            }
            recorded.put("stored", u.stored());
            recorded.put("updated", u.updated());
            recorded.put("unchanged", u.unchanged());
            recorded.put("periods", u.from() + " to " + u.to());
            recorded.put("units", String.join(", ", u.units()));
            List<MeasurementRepository.Revision> revisions = replaced.getOrDefault(u.id(), List.of());
            if (!revisions.isEmpty()) {
                recorded.put("replaced", revisions.stream().limit(REPLACED_SHOWN).map(AuditService::replaced).toList()
                        + (revisions.size() > REPLACED_SHOWN ? " and " + (revisions.size() - REPLACED_SHOWN) + " more" : ""));
            }
            entries.add(new Entry(u.recordedAt(), "Measurements received", u.recordedBy(), recorded));
        }
        return entries;
    }

    private static String replaced(MeasurementRepository.Revision r) {
        MeasurementPoint was = r.was();
        String value = was.value() != null ? String.valueOf(was.value()) : was.numerator() + "/" + was.denominator();
        return r.period() + (r.unit() == null ? "" : " " + r.unit()) + " was " + value + (was.excluded() ? " (excluded)" : "")
                + " from " + r.wasBy() + " at " + r.wasAt();
    }

    public List<Entry> trail(String projectKey) {
        caller.requireAnyGroup(List.of(Roles.IRB_REVIEWERS, Roles.MANAGERS, Roles.ADMINS),
                "The audit trail is for IRB reviewers, managers and administrators.");
        return caller.asSystem(() -> build(projectKey));
    }

    private List<Entry> build(String projectKey) {
        var project = history.createHistoricProcessInstanceQuery().processDefinitionKey(LearningCycleProcess.KEY)
                .processInstanceBusinessKey(projectKey).singleResult();
        if (project == null) {
            throw ApiException.notFound("No project " + projectKey + ".");
        }
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(project.getStartTime().toInstant(), "Challenge described", project.getStartUserId(), Map.of()));
        // every process instance of the project: the cycle and the reviews and rollouts it called
        Set<String> instances = new java.util.HashSet<>();
        history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(projectKey).list().forEach(p -> instances.add(p.getId()));
        Map<String, List<HistoricVariableUpdate>> updatesByActivity = new LinkedHashMap<>();
        for (String instance : instances) {
            for (HistoricDetail detail : history.createHistoricDetailQuery().processInstanceId(instance).variableUpdates().list()) {
                if (detail instanceof HistoricVariableUpdate update && detail.getActivityInstanceId() != null) {
                    updatesByActivity.computeIfAbsent(detail.getActivityInstanceId(), k -> new ArrayList<>()).add(update);
                }
            }
        }
        for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(projectKey).finished().list()) {
            Map<String, Object> recorded = recorded(updatesByActivity.get(task.getActivityInstanceId()), RECORDED);
            String by = history.createUserOperationLogQuery().taskId(task.getId()).operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
                    .list().stream().map(UserOperationLogEntry::getUserId).filter(java.util.Objects::nonNull).findFirst().orElse(task.getAssignee());
            entries.add(new Entry(task.getEndTime().toInstant(), TaskContextPlugin.stepOf(task.getName()), by, recorded));
        }
        // what the system decided (pathway, evaluation, recommendation, ...): the updates made outside user tasks,
        // under the activity that made them where history names one (output mappings write in the parent scope)
        Map<String, String> activityNames = new LinkedHashMap<>();
        Set<String> taskActivities = new java.util.HashSet<>();
        for (String instance : instances) {
            for (HistoricActivityInstance activity : history.createHistoricActivityInstanceQuery().processInstanceId(instance).list()) {
                activityNames.put(activity.getId(), activity.getActivityName());
                // a spread's or an amendment's start copies the plan (pathway included): the request is its own entry below
                if ("userTask".equals(activity.getActivityType()) || SpreadProcess.START.equals(activity.getActivityId())
                        || AmendmentProcess.START.equals(activity.getActivityId())) {
                    taskActivities.add(activity.getId());
                }
            }
        }
        updatesByActivity.forEach((activityInstance, updates) -> {
            if (!taskActivities.contains(activityInstance)) {
                Map<String, Object> decided = recorded(updates, SYSTEM);
                if (!decided.isEmpty()) {
                    Instant at = updates.stream().map(u -> u.getTime().toInstant()).max(Comparator.naturalOrder()).orElseThrow();
                    String step = activityNames.get(activityInstance);
                    entries.add(new Entry(at, step == null || instances.contains(activityInstance) ? "Recorded by the system" : step, "system", decided));
                }
            }
        });
        // each spread of the adopted change: who asked for it, to which units and why (its start form or the API)
        for (var spread : history.createHistoricProcessInstanceQuery().processDefinitionKey(SpreadProcess.KEY).processInstanceBusinessKey(projectKey).list()) {
            Map<String, Object> asked = new LinkedHashMap<>();
            history.createHistoricVariableInstanceQuery().processInstanceId(spread.getId()).variableNameIn(SpreadProcess.SPREAD_UNITS,
                    SpreadProcess.SPREAD_REASON, SpreadProcess.CHANGE_ADAPTED, SpreadProcess.SPREAD_ADAPTATION).list().stream()
                    .filter(v -> v.getValue() != null).sorted(Comparator.comparing(v -> List.of(SpreadProcess.SPREAD_UNITS, SpreadProcess.SPREAD_REASON,
                            SpreadProcess.CHANGE_ADAPTED, SpreadProcess.SPREAD_ADAPTATION).indexOf(v.getName())))
                    .forEach(v -> asked.put(v.getName(), v.getValue()));
            entries.add(new Entry(spread.getStartTime().toInstant(), "Spread requested", spread.getStartUserId(), asked));
        }
        // each amendment: who asked for it and what it changes (its start form, the API, or the IRB after new information)
        for (var amendment : history.createHistoricProcessInstanceQuery().processDefinitionKey(AmendmentProcess.KEY).processInstanceBusinessKey(projectKey).list()) {
            Map<String, Object> asked = new LinkedHashMap<>();
            List<String> order = List.of(AmendmentProcess.AMENDMENT_SUMMARY, AmendmentProcess.AMENDMENT_CHANGES, AmendmentProcess.AMENDMENT_REQUIRED, PLAN_VERSION);
            history.createHistoricVariableInstanceQuery().processInstanceId(amendment.getId()).variableNameIn(order.toArray(String[]::new)).list().stream()
                    .filter(v -> v.getValue() != null).sorted(Comparator.comparing(v -> order.indexOf(v.getName())))
                    .forEach(v -> asked.put(v.getName(), v.getValue()));
            entries.add(new Entry(amendment.getStartTime().toInstant(), "Amendment requested", amendment.getStartUserId() == null ? "IRB" : amendment.getStartUserId(),
                    asked));
        }
        // each plan version an approved amendment put in force
        for (PlanVersions.PlanVersion version : planVersions.of(projectKey)) {
            Map<String, Object> changed = new LinkedHashMap<>();
            changed.put("summary", version.summary());
            changed.put("changes", version.changes());
            changed.put("pathway", version.pathwayAfter() + (java.util.Objects.equals(version.pathwayBefore(), version.pathwayAfter()) ? ""
                    : " (was " + version.pathwayBefore() + ")"));
            changed.put("approvedBy", version.reviewers());
            entries.add(new Entry(version.approvedAt(),
                    "Plan version " + version.version() + " in force (cycle " + version.cycle() + ")", "system", changed));
        }
        // each determination letter as issued: what it was and the checksum of the PDF, which cannot change unseen
        for (Letters.Letter letter : letters.of(projectKey)) {
            Map<String, Object> issued = new LinkedHashMap<>();
            issued.put("letter", letter.title());
            issued.put("sha256", letter.sha256());
            issued.put("download", letter.link());
            entries.add(new Entry(letter.issuedAt(), "Letter issued", "system", issued));
        }
        entries.addAll(measurementEntries(projectKey));
        entries.sort(Comparator.comparing(Entry::at));
        return entries;
    }

    private static Map<String, Object> recorded(List<HistoricVariableUpdate> updates, List<String> names) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (updates != null) {
            updates.stream().sorted(Comparator.comparing(HistoricDetail::getTime))
                    .filter(u -> names.contains(u.getVariableName()) && u.getValue() != null)
                    .forEach(u -> values.put(u.getVariableName(), u.getValue() instanceof org.camunda.spin.json.SpinJsonNode node ? node.toString() : u.getValue()));
        }
        return values;
    }
}
