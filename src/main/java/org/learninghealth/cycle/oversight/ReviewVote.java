package org.learninghealth.cycle.oversight;

import org.learninghealth.cycle.oversight.OversightReviewProcess.Vote;

/**
 * One reviewer's vote in one stage of the review.
 *
 * @param stage the review task's id (single reviewer, expedited or full board)
 * @param at    ISO timestamp of the vote
 */
public record ReviewVote(String reviewer, String stage, Vote vote, String comments, String conditions, String at) {
}
