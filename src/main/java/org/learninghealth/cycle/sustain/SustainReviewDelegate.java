package org.learninghealth.cycle.sustain;

import static org.learninghealth.cycle.project.CycleVariables.*;

import java.time.LocalDate;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.evaluation.Direction;
import org.learninghealth.cycle.evaluation.RuleSet;
import org.learninghealth.cycle.measurement.MeasureReportPullDelegate;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.project.LearningCycleProcess.SustainVerdict;
import org.springframework.stereotype.Component;

/**
 * "Review the adopted change": first the project's new MeasureReports when its plan names a FHIR source, then the
 * judgement of {@link SustainReviewService}; the verdict steers the loop, the icons and levels feed the portfolio.
 */
@Component("sustainReview")
public class SustainReviewDelegate implements JavaDelegate {

    private final SustainReviewService reviews;
    private final MeasureReportPullDelegate pull;

    public SustainReviewDelegate(SustainReviewService reviews, MeasureReportPullDelegate pull) {
        this.reviews = reviews;
        this.pull = pull;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (pull.configured(execution)) {
            pull.execute(execution);
        }
        LocalDate today = SustainClock.today();
        LocalDate evaluated = SustainClock.date(execution, EVALUATED_THROUGH);
        LocalDate accepted = SustainClock.date(execution, SUSTAIN_ACCEPTED_THROUGH);
        Number aimTarget = (Number) execution.getVariable(AIM_TARGET);
        Number quiet = (Number) execution.getVariable(SUSTAIN_QUIET_REVIEWS);
        SustainReviewService.Monitoring monitoring = new SustainReviewService.Monitoring((String) execution.getVariable(PROJECT_KEY),
                ((Number) execution.getVariable(CYCLE_NUMBER)).intValue(), MeasureType.of((String) execution.getVariable(MEASURE_TYPE)),
                Direction.of((String) execution.getVariable(IMPROVEMENT_DIRECTION)), RuleSet.of((String) execution.getVariable(SPC_RULES), null),
                aimTarget == null ? null : aimTarget.doubleValue(), evaluated, SustainClock.date(execution, SUSTAIN_SEEN_THROUGH),
                accepted == null ? evaluated : accepted, SustainClock.date(execution, SUSTAIN_STABLE_SINCE), quiet == null ? 0 : quiet.intValue());
        SustainJudgement j = reviews.review(monitoring, today);
        execution.setVariable(SUSTAIN_VERDICT, j.verdict().name().toLowerCase(Locale.ROOT));
        execution.setVariable(SUSTAIN_STATUS, j.status());
        execution.setVariable(SUSTAIN_SIGNAL, j.signal());
        execution.setVariable(SUSTAIN_SIGNAL_THROUGH, j.signalThrough() == null ? null : j.signalThrough().toString());
        execution.setVariable(SUSTAIN_SEEN_THROUGH, j.seenThrough() == null ? null : j.seenThrough().toString());
        execution.setVariable(SUSTAIN_QUIET_REVIEWS, j.quietReviews());
        execution.setVariable(SUSTAIN_MONTHS, SustainClock.months(SustainClock.date(execution, SUSTAIN_SINCE), today));
        if (j.level() != null) {
            execution.setVariable(SUSTAIN_ADOPTED_LEVEL, j.adoptedLevel());
            execution.setVariable(SUSTAIN_LEVEL, j.level());
            execution.setVariable(VARIATION_ICON, j.variationIcon().code());
            execution.setVariable(ASSURANCE_ICON, j.assuranceIcon() == null ? null : j.assuranceIcon().code());
        }
        if (j.verdict() == SustainVerdict.SUSTAINED) {
            execution.setVariable(SUSTAIN_OUTCOME, "sustained");
        }
    }
}
