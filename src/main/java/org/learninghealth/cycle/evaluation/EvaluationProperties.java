package org.learninghealth.cycle.evaluation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code learning-cycle.evaluation.*}.
 *
 * @param minBaselinePoints     fewer baseline periods is an outcome (the lead is asked for more data), not an error
 * @param minInterventionPoints same for the periods after the first go-live
 * @param significanceLevel     two-sided alpha of the pre/post test; confidence intervals are at 1 − alpha
 * @param laneyMinDenominator   proportions and rates get Laney's p′/u′ chart only when the baseline is over-dispersed
 *                              and its mean denominator reaches this; small denominators keep the ordinary chart
 * @param rules                 the installation's rule set for special causes; a plan may choose the other
 */
@ConfigurationProperties("learning-cycle.evaluation")
public record EvaluationProperties(int minBaselinePoints, int minInterventionPoints, double significanceLevel,
                                   int laneyMinDenominator, RuleSet rules) {

    public EvaluationProperties {
        rules = rules == null ? RuleSet.ANHOEJ : rules;
    }
}
