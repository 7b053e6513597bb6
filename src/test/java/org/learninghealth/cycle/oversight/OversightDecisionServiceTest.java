package org.learninghealth.cycle.oversight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.learninghealth.cycle.oversight.OversightReviewProcess.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.oversight.OversightReviewProcess.Decision;
import org.learninghealth.cycle.oversight.OversightReviewProcess.Vote;

class OversightDecisionServiceTest {

    private final OversightDecisionService service = new OversightDecisionService();

    private static ReviewVote vote(String who, String stage, Vote vote, String comments) {
        return new ReviewVote(who, stage, vote, comments, null, "2026-06-01T09:00:00Z");
    }

    @Test
    void theLastStageDecidesAfterAReferral() {
        var outcome = service.decide(List.of(vote("irb", TASK_EXPEDITED_REVIEW, Vote.REFER_TO_FULL_BOARD, "needs the board"),
                vote("irb", TASK_FULL_BOARD_REVIEW, Vote.APPROVE, null), vote("irb2", TASK_FULL_BOARD_REVIEW, Vote.APPROVE, "fine")));
        assertThat(outcome.decision()).isEqualTo(Decision.APPROVED);
        assertThat(outcome.reviewers()).isEqualTo("irb, irb2");
        assertThat(outcome.comments()).isEqualTo("irb (REFER_TO_FULL_BOARD): needs the board\nirb2 (APPROVE): fine");
    }

    @Test
    void boardRules() {
        assertThat(service.decide(List.of(vote("a", TASK_FULL_BOARD_REVIEW, Vote.DISAPPROVE, "x"), vote("b", TASK_FULL_BOARD_REVIEW, Vote.MODIFICATIONS_REQUIRED, "y")))
                .decision()).isEqualTo(Decision.DISAPPROVED);
        assertThat(service.decide(List.of(vote("a", TASK_FULL_BOARD_REVIEW, Vote.APPROVE, null), vote("b", TASK_FULL_BOARD_REVIEW, Vote.MODIFICATIONS_REQUIRED, "y")))
                .decision()).isEqualTo(Decision.MODIFICATIONS_REQUIRED);
    }

    @Test
    void singleReviewerVoteIsTheDecision() {
        assertThat(service.decide(List.of(vote("a", TASK_REVIEW_PLAN, Vote.MODIFICATIONS_REQUIRED, "y"))).decision()).isEqualTo(Decision.MODIFICATIONS_REQUIRED);
        assertThat(service.decide(List.of(vote("a", TASK_REVIEW_PLAN, Vote.DISAPPROVE, "n"))).decision()).isEqualTo(Decision.DISAPPROVED);
        assertThatThrownBy(() -> service.decide(List.of())).hasMessageContaining("no vote");
    }
}
