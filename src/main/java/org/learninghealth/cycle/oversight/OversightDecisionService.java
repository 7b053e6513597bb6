package org.learninghealth.cycle.oversight;

import java.util.List;
import java.util.stream.Collectors;
import org.learninghealth.cycle.oversight.OversightReviewProcess.Decision;
import org.learninghealth.cycle.oversight.OversightReviewProcess.Vote;
import org.springframework.stereotype.Service;

/**
 * Combines the votes of an oversight review. The last stage decides: a full board approves only when every board
 * vote approves and disapproves as soon as one board member disapproves (otherwise modifications are required); a
 * single or expedited reviewer's vote is the decision.
 */
@Service
public class OversightDecisionService {

    /** The combined decision with the comments, conditions and reviewers of the deciding stage. */
    public record Outcome(Decision decision, String comments, String conditions, String reviewers) {
    }

    public Outcome decide(List<ReviewVote> votes) {
        if (votes == null || votes.isEmpty()) {
            throw new IllegalStateException("The oversight review has no vote to decide on.");
        }
        String lastStage = votes.get(votes.size() - 1).stage();
        List<ReviewVote> deciding = votes.stream().filter(v -> v.stage().equals(lastStage)).toList();
        Decision decision = OversightReviewProcess.TASK_FULL_BOARD_REVIEW.equals(lastStage) ? board(deciding) : single(deciding.get(deciding.size() - 1));
        return new Outcome(decision, join(votes, ReviewVote::comments), join(deciding, ReviewVote::conditions),
                votes.stream().map(ReviewVote::reviewer).distinct().collect(Collectors.joining(", ")));
    }

    private static Decision board(List<ReviewVote> votes) {
        if (votes.stream().anyMatch(v -> v.vote() == Vote.DISAPPROVE)) {
            return Decision.DISAPPROVED;
        }
        return votes.stream().allMatch(v -> v.vote() == Vote.APPROVE) ? Decision.APPROVED : Decision.MODIFICATIONS_REQUIRED;
    }

    private static Decision single(ReviewVote vote) {
        return switch (vote.vote()) {
            case APPROVE -> Decision.APPROVED;
            case MODIFICATIONS_REQUIRED -> Decision.MODIFICATIONS_REQUIRED;
            case DISAPPROVE -> Decision.DISAPPROVED;
            case REFER_TO_FULL_BOARD -> throw new IllegalStateException("A referral to the full board is not a decision.");
        };
    }

    private static String join(List<ReviewVote> votes, java.util.function.Function<ReviewVote, String> text) {
        String joined = votes.stream().filter(v -> text.apply(v) != null && !text.apply(v).isBlank())
                .map(v -> v.reviewer() + " (" + v.vote() + "): " + text.apply(v))
                .collect(Collectors.joining("\n"));
        return joined.isEmpty() ? null : joined;
    }
}
