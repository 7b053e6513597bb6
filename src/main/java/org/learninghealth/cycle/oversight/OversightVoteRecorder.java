package org.learninghealth.cycle.oversight;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.learninghealth.cycle.identity.CurrentUser;
import org.learninghealth.cycle.identity.SeparationOfDuties;
import org.learninghealth.cycle.oversight.OversightReviewProcess.Vote;
import org.learninghealth.cycle.system.JsonVariables;
import org.springframework.stereotype.Component;

import static org.learninghealth.cycle.oversight.OversightReviewProcess.*;
import static org.learninghealth.cycle.project.CycleVariables.PROJECT_KEY;
import static org.learninghealth.cycle.project.CycleVariables.PROJECT_LEAD;

/**
 * On completing a review task: checks who votes and what, then appends the vote to the review's vote list.
 * Refused: the project's lead reviewing their own project; an expedited reviewer disapproving (45 CFR 46.110(b));
 * one person casting both full-board votes; a non-approval without comments; a reviewer nobody can name.
 */
@Component("oversightVoteRecorder")
public class OversightVoteRecorder implements TaskListener {

    static final TypeReference<List<ReviewVote>> VOTE_LIST = new TypeReference<>() {
    };

    private final JsonVariables json;

    public OversightVoteRecorder(JsonVariables json) {
        this.json = json;
    }

    @Override
    public void notify(DelegateTask task) {
        String reviewer = CurrentUser.of(task);
        if (reviewer == null) {
            throw new BadUserRequestException("Claim the review task before completing it, so that the vote has a reviewer.");
        }
        SeparationOfDuties.check(reviewer, (String) task.getVariable(PROJECT_LEAD), (String) task.getVariable(PROJECT_KEY), task.getName());
        Vote vote = vote(task);
        String stage = task.getTaskDefinitionKey();
        if (stage.equals(TASK_EXPEDITED_REVIEW) && vote == Vote.DISAPPROVE) {
            throw new BadUserRequestException("An expedited reviewer cannot disapprove (45 CFR 46.110(b)): refer the plan to the full board instead.");
        }
        if (!stage.equals(TASK_EXPEDITED_REVIEW) && vote == Vote.REFER_TO_FULL_BOARD) {
            throw new BadUserRequestException("Only an expedited reviewer refers a plan to the full board; choose approve, modifications required or disapprove.");
        }
        String comments = (String) task.getVariable(REVIEW_COMMENTS);
        if (vote != Vote.APPROVE && (comments == null || comments.isBlank())) {
            throw new BadUserRequestException("Explain your decision in the comments: the project lead needs to know what to change or why.");
        }
        if (vote == Vote.APPROVE && Pathway.EXEMPT.name().equals(task.getVariable(org.learninghealth.cycle.project.CycleVariables.OVERSIGHT_PATHWAY))
                && !EXEMPT_CATEGORIES.containsKey(String.valueOf(task.getVariable(EXEMPT_CATEGORY)))) {
            throw new BadUserRequestException("Name the exemption category of 45 CFR 46.104(d) this determination rests on (1 to 8): the letter states it.");
        }
        List<ReviewVote> votes = new ArrayList<>(votes(task));
        if (stage.equals(TASK_FULL_BOARD_REVIEW) && votes.stream().anyMatch(v -> v.stage().equals(stage) && v.reviewer().equals(reviewer))) {
            throw new BadUserRequestException(reviewer + " has already voted on this full-board review; the other vote must come from a second reviewer.");
        }
        votes.add(new ReviewVote(reviewer, stage, vote, comments, (String) task.getVariable(REVIEW_CONDITIONS),
                ClockUtil.getCurrentTime().toInstant().toString()));
        task.getExecution().getProcessInstance().setVariable(VOTES, json.write(votes));
    }

    private List<ReviewVote> votes(DelegateTask task) {
        List<ReviewVote> votes = json.read(task.getVariable(VOTES), VOTE_LIST);
        return votes == null ? List.of() : votes;
    }

    private static Vote vote(DelegateTask task) {
        Object value = task.getVariable(REVIEW_DECISION);
        try {
            return Vote.valueOf(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new BadUserRequestException("Choose a review decision (" + value + " is not one of " + List.of(Vote.values()) + ").");
        }
    }
}
