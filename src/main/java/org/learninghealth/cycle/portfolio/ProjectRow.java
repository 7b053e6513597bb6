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
 * @param monthsSustained whole months the adopted change has been (or was) monitored; {@code null} before adoption
 * @param variationIcon  Making Data Count's icons of the last judged point (evaluation, then each sustain review)
 * @param sustainOutcome how monitoring ended: sustained, stopped or new-cycle; {@code null} while it runs or before
 * @param unitsLive      after a spread of the adopted change: the units it is live on (the plan's and the spreads')
 * @param unitsPlanned   the plan's units and those of the spreads oversight did not refuse; both {@code null} without a spread
 * @param adoptionToLastUnitLiveDays days from the adoption decision to the day the last planned unit went live, once all are
 * @param irbApproval    the IRB approval's continuing review while the project runs (full board, expedited, exempt); {@code null} otherwise
 */
public record ProjectRow(String projectKey, String title, String lead, String units, String status, List<String> stages,
                         Instant stageSince, Long daysInStage, List<String> waitingOn, Instant dueDate, boolean overdue,
                         String oversightPathway, Integer cycleNumber, String lastEvaluation, String recommendation,
                         String decision, Instant started, Instant ended, String processInstanceId, String cockpitLink,
                         Long monthsSustained, Icon variationIcon, Icon assuranceIcon, String sustainOutcome, Integer unitsLive,
                         Integer unitsPlanned, Long adoptionToLastUnitLiveDays, IrbApproval irbApproval) {

    /**
     * When the IRB next reviews the project.
     *
     * @param reviewDue the day the approval expires ({@code expires}) or its annual check-in is due
     * @param lapsed    an expiring approval past its day and not renewed: go-lives and new cycles are refused
     */
    public record IrbApproval(java.time.LocalDate reviewDue, boolean expires, boolean lapsed) {
    }

    /** An icon by its API code, its text alternative and its picture. */
    public record Icon(String code, String text, String svg) {

        /** The variation or assurance icon with this API code; {@code null} for none or an unknown one. */
        static Icon of(Object value) {
            var icon = org.learninghealth.cycle.evaluation.MdcIcon.ofCode(value == null ? null : value.toString());
            return icon == null ? null : new Icon(icon.code(), icon.text(), "/api/evaluation/icons/" + icon.code() + ".svg");
        }
    }
}
