package org.learninghealth.cycle.measurement;

import java.time.ZoneOffset;
import java.util.Locale;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.springframework.stereotype.Component;

import static org.learninghealth.cycle.project.CycleVariables.MEASUREMENTS_STORED;

/**
 * What a cycle already holds, in one line for the "Submit measurement data" form; kept current on the open task
 * whenever data arrive another way.
 */
@Component
public class MeasurementSummaryText {

    private final MeasurementRepository repository;
    private final TaskService tasks;

    public MeasurementSummaryText(MeasurementRepository repository, TaskService tasks) {
        this.repository = repository;
        this.tasks = tasks;
    }

    public int rows(String projectKey, int cycle) {
        return repository.summary(projectKey, cycle).rows();
    }

    public String of(String projectKey, int cycle) {
        MeasurementRepository.Summary s = repository.summary(projectKey, cycle);
        if (s.rows() == 0) {
            return "Nothing stored yet for cycle " + cycle + ".";
        }
        String perUnit = s.rowsPerUnit().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        MeasurementUpload last = s.lastUpload();
        String lastText = last == null ? "" : String.format(Locale.ROOT, " Last upload: %s by %s on %s (%d new, %d updated).", last.source(),
                last.recordedBy(), last.recordedAt().atZone(ZoneOffset.UTC).toLocalDate(), last.stored(), last.updated());
        return String.format(Locale.ROOT, "Stored for cycle %d: %d rows from %s to %s (%s).%s", cycle, s.rows(), s.from(), s.to(), perUnit, lastText);
    }

    /** Refreshes the summary on the project's open "Submit measurement data" task, if there is one. */
    public void refreshOpenTask(String projectKey, int cycle) {
        for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(projectKey)
                .taskDefinitionKey(LearningCycleProcess.TASK_SUBMIT_MEASUREMENTS).listPage(0, 10)) {
            tasks.setVariableLocal(task.getId(), MEASUREMENTS_STORED, of(projectKey, cycle));
        }
    }
}
