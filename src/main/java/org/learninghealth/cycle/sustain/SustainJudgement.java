package org.learninghealth.cycle.sustain;

import java.time.LocalDate;
import org.learninghealth.cycle.evaluation.AssuranceIcon;
import org.learninghealth.cycle.evaluation.VariationIcon;
import org.learninghealth.cycle.project.LearningCycleProcess.SustainVerdict;

/**
 * What one sustain review found.
 *
 * @param status         the review in words, for the forms and the portfolio
 * @param signal         for a slip: each point that fired, its value, its limits and the rules; else {@code null}
 * @param signalThrough  the latest period of the slip (an accepted slip is not raised again for these periods)
 * @param seenThrough    the latest period stored at the review
 * @param quietReviews   reviews in a row without a new period, this one included
 * @param adoptedLevel   the adopted phase's centre line; {@code null} before any new period
 * @param level          the mean of the periods after the adopting evaluation; {@code null} before any
 * @param variationIcon  of the last point against the adopted phase's limits; {@code null} before any new period
 */
public record SustainJudgement(SustainVerdict verdict, String status, String signal, LocalDate signalThrough, LocalDate seenThrough,
                               int quietReviews, Double adoptedLevel, Double level, VariationIcon variationIcon,
                               AssuranceIcon assuranceIcon) {
}
