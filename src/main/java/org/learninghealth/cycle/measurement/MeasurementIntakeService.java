package org.learninghealth.cycle.measurement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.SpreadUnits;
import org.learninghealth.cycle.system.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static org.learninghealth.cycle.project.CycleVariables.*;

/**
 * The one way measurements get in: the paste box, the upload page, the data API and FHIR (pushed or pulled) all end
 * here, in the same check ({@link MeasurementReader}) and the same merge, in one transaction: a submission with any
 * bad row is refused whole, naming its rows, and stores nothing.
 */
@Service
public class MeasurementIntakeService {

    /** Who may send data for a project besides its lead. */
    public static final List<String> SENDERS = List.of(Roles.MANAGERS, Roles.ADMINS, Roles.DATA_ANALYSTS);

    /** A submission as it arrived: raw bytes in one of the formats. */
    public record Submission(String source, String fileName, MeasurementFormat format, byte[] body, String sheet) {
    }

    /** What a submission would store, for the upload page's preview. */
    public record Preview(int cycle, int rows, LocalDate from, LocalDate to, Map<String, Integer> rowsPerUnit, List<MeasurementRow> sample,
                          List<String> problems, int problemCount, List<String> warnings, List<String> sheets, String sheet) {
    }

    /** What a submission stored. */
    public record Stored(MeasurementUpload upload, List<String> warnings) {
    }

    static final int SAMPLE = 20;

    private final MeasurementRepository repository;
    private final RuntimeService runtime;
    private final ApiCaller caller;
    private final MeasurementProperties properties;
    private final ObjectMapper json;
    private final MeasurementSummaryText summaries;

    private final SpreadUnits spreadUnits;

    public MeasurementIntakeService(MeasurementRepository repository, RuntimeService runtime, ApiCaller caller, MeasurementProperties properties,
                                    ObjectMapper json, MeasurementSummaryText summaries, SpreadUnits spreadUnits) {
        this.spreadUnits = spreadUnits;
        this.summaries = summaries;
        this.repository = repository;
        this.runtime = runtime;
        this.caller = caller;
        this.properties = properties;
        this.json = json;
    }

    /** Stores a submission for the caller, who must be the project's lead, a manager, an administrator or a data analyst. */
    @Transactional
    public Stored submit(String projectKey, Integer cycle, Submission submission) {
        String user = caller.require().getUserId();
        ProjectMeasure project = allowed(projectKey);
        int number = cycleOf(project, cycle);
        List<String> warnings = new ArrayList<>();
        List<MeasurementRow> rows = rows(project, submission, warnings);
        MeasurementUpload upload = repository.merge(projectKey, number, rows, submission.source(), submission.fileName(), user);
        caller.asSystem(() -> {
            summaries.refreshOpenTask(projectKey, number);
            return null;
        });
        return new Stored(upload, warnings);
    }

    /** What {@link #submit} would store, problems included, without storing anything. */
    public Preview preview(String projectKey, Integer cycle, Submission submission) {
        ProjectMeasure project = allowed(projectKey);
        int number = cycleOf(project, cycle);
        List<String> sheets = submission.format() == MeasurementFormat.XLSX ? XlsxTable.sheets(submission.body()) : List.of();
        String sheet = submission.format() == MeasurementFormat.XLSX ? (submission.sheet() != null ? submission.sheet() : sheets.isEmpty() ? null : sheets.get(0)) : null;
        List<String> warnings = new ArrayList<>();
        try {
            List<MeasurementRow> rows = rows(project, submission, warnings);
            Map<String, Integer> perUnit = new TreeMap<>();
            rows.forEach(r -> perUnit.merge(r.unit() == null ? MeasurementUpload.ALL_UNITS : r.unit(), 1, Integer::sum));
            return new Preview(number, rows.size(), rows.stream().map(r -> r.point().period()).min(LocalDate::compareTo).orElse(null),
                    rows.stream().map(r -> r.point().period()).max(LocalDate::compareTo).orElse(null), perUnit,
                    rows.subList(0, Math.min(SAMPLE, rows.size())), List.of(), 0, warnings, sheets, sheet);
        } catch (MeasurementDataException e) {
            return new Preview(number, 0, null, null, Map.of(), List.of(), e.problems(), e.total(), warnings, sheets, sheet);
        }
    }

    /** The paste box of "Submit measurement data", inside the completion's transaction. */
    public MeasurementUpload paste(ProjectMeasure project, int cycle, String text, String user) {
        List<MeasurementRow> rows = project.reader(properties.dateOrder()).read(DelimitedText.read(text, properties.maxRows()));
        return repository.merge(project.projectKey(), cycle, rows, "paste", null, user);
    }

    /**
     * MeasureReports fetched from the project's FHIR server, checked like any other submission and merged in the
     * caller's (the job's) transaction. The check comes first and outside any transactional proxy, so that a refusal
     * leaves the job's transaction usable for the status it records.
     */
    public MeasurementUpload pulled(ProjectMeasure project, int cycle, FhirMeasureReports.Read read) {
        List<MeasurementRow> rows = project.reader(properties.dateOrder()).read(read.table());
        return repository.merge(project.projectKey(), cycle, rows, "fhir-pull", null, "system");
    }

    /** The stored rows of a cycle, for anyone who may send data or follows projects. */
    public List<StoredMeasurement> stored(String projectKey, Integer cycle) {
        ProjectMeasure project = readable(projectKey);
        return repository.stored(projectKey, cycleOf(project, cycle));
    }

    /** Periods, rows per unit and the last upload of a cycle (the current one when {@code null}), for whoever may read its rows. */
    public MeasurementRepository.Summary summary(String projectKey, Integer cycle) {
        return repository.summary(projectKey, cycleOf(readable(projectKey), cycle));
    }

    public ProjectMeasure readable(String projectKey) {
        Authentication user = caller.require();
        ProjectMeasure project = caller.asSystem(() -> project(projectKey));
        if (!user.getUserId().equals(project.lead()) && !ApiCaller.inAnyGroup(user, List.of(Roles.MANAGERS, Roles.ADMINS, Roles.DATA_ANALYSTS, Roles.IRB_REVIEWERS))) {
            throw ApiException.forbidden("Only the project's lead, managers, IRB reviewers, data analysts and administrators can see its measurements.");
        }
        return project;
    }

    private ProjectMeasure allowed(String projectKey) {
        Authentication user = caller.require();
        ProjectMeasure project = caller.asSystem(() -> project(projectKey));
        if (!user.getUserId().equals(project.lead()) && !ApiCaller.inAnyGroup(user, SENDERS)) {
            throw ApiException.forbidden("Only the project's lead, managers, data analysts and administrators can send measurements for "
                    + projectKey + ".");
        }
        return project;
    }

    /**
     * The running project with this key, as the intake sees it: the learning cycle, or after it ended a spread of its
     * adopted change still under way. Data of the units the change is spread to are taken as the plan's units' are.
     */
    public ProjectMeasure project(String projectKey) {
        ProcessInstance instance = running(LearningCycleProcess.KEY, projectKey);
        if (instance == null) {
            instance = running(SpreadUnits.PROCESS_KEY, projectKey);
        }
        if (instance == null) {
            throw ApiException.notFound("No running project " + projectKey + ": measurements can be sent while a project runs.");
        }
        return ProjectMeasure.of(projectKey, runtime.getVariables(instance.getId(), ProjectMeasure.VARIABLES)).withUnits(spreadUnits.active(projectKey));
    }

    private ProcessInstance running(String processKey, String projectKey) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(processKey).processInstanceBusinessKey(projectKey).listPage(0, 1).stream()
                .findFirst().orElse(null);
    }

    private static int cycleOf(ProjectMeasure project, Integer cycle) {
        if (cycle == null) {
            return project.currentCycle();
        }
        if (cycle < 1 || cycle > project.currentCycle()) {
            throw ApiException.badRequest("cycle " + cycle + " does not exist; " + project.projectKey() + " is in cycle " + project.currentCycle() + ".");
        }
        return cycle;
    }

    private List<MeasurementRow> rows(ProjectMeasure project, Submission s, List<String> warnings) {
        MeasurementReader reader = project.reader(properties.dateOrder());
        MeasurementTable table = switch (s.format()) {
            case CSV, TSV -> DelimitedText.read(new String(s.body(), StandardCharsets.UTF_8), properties.maxRows());
            case XLSX -> XlsxTable.read(s.body(), s.sheet(), properties.maxRows());
            case JSON -> jsonTable(s.body(), reader);
            case FHIR -> {
                FhirMeasureReports.Read read = FhirMeasureReports.parse(new String(s.body(), StandardCharsets.UTF_8), project.type(),
                        project.direction(), project.units());
                warnings.addAll(read.warnings());
                yield read.table();
            }
        };
        return reader.read(table);
    }

    /** A JSON list of points with the same fields as the columns. */
    private MeasurementTable jsonTable(byte[] body, MeasurementReader reader) {
        JsonNode points;
        try {
            points = json.readTree(body);
        } catch (IOException e) {
            throw new MeasurementDataException(List.of("the body is not valid JSON (" + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()) + ")"));
        }
        if (points == null || !points.isArray()) {
            throw new MeasurementDataException(List.of("the body must be a JSON list of points, each like {\"period\": \"2026-03-02\", "
                    + String.join(", ", reader.columns().subList(1, reader.columns().size()).stream().map(c -> "\"" + c + "\": ...").toList()) + "}"));
        }
        List<String> columns = reader.columns();
        List<MeasurementTable.Row> rows = new ArrayList<>();
        rows.add(new MeasurementTable.Row("header", columns));
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < points.size() && rows.size() <= properties.maxRows(); i++) {
            JsonNode p = points.get(i);
            String where = "point " + (i + 1);
            if (!p.isObject()) {
                problems.add(where + " is not an object");
                continue;
            }
            p.fieldNames().forEachRemaining(f -> {
                if (!columns.contains(f)) {
                    problems.add(where + ": the field '" + f + "' is not one of " + String.join(", ", columns));
                }
            });
            rows.add(new MeasurementTable.Row(where, columns.stream().map(c -> p.hasNonNull(c) ? p.get(c).asText() : "").toList()));
        }
        if (points.size() > properties.maxRows()) {
            throw new MeasurementTooLargeException("The list has " + points.size() + " points; at most " + properties.maxRows() + " fit in one submission.");
        }
        if (!problems.isEmpty()) {
            throw MeasurementDataException.of(problems);
        }
        return new MeasurementTable(rows, false);
    }
}
