package org.learninghealth.cycle.portfolio;

import java.time.Instant;
import java.util.List;

/**
 * One project on the portfolio.
 *
 * @param stages         the stages it is in now, in plain words (several while a safety review runs beside a rollout);
 *                       empty for an ended project
 * @param daysInStage    whole days since it entered its current stage
 * @param waitingOn      the people or groups whose task it waits for; "system" for a timer or a background step
 * @param dueDate        the earliest due date of its open tasks
 * @param lastEvaluation the summary of the latest evaluation, {@code null} before one
 * @param decision       how the project ended (ADOPT, ABANDON, DISAPPROVED, HALTED, WITHDRAWN, DECLINED), else {@code null}
 */
public record ProjectRow(String projectKey, String title, String lead, String units, String status, List<String> stages,
                         Instant stageSince, Long daysInStage, List<String> waitingOn, Instant dueDate, boolean overdue,
                         String oversightPathway, Integer cycleNumber, String lastEvaluation, String recommendation,
                         String decision, Instant started, Instant ended, String processInstanceId, String cockpitLink) {
}
