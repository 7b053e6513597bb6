package org.learninghealth.cycle.oversight;

import java.util.Optional;
import org.camunda.bpm.engine.BadUserRequestException;
import org.learninghealth.cycle.continuingreview.ContinuingReviewService;
import org.learninghealth.cycle.reportable.ProjectHolds;
import org.springframework.stereotype.Service;

/**
 * Whether a project may start something new with patients: not while the IRB has suspended it, and not while its
 * expiring approval has lapsed. One check for every door (a go-live, adapting, a new cycle after a slip, a spread).
 */
@Service
public class ProjectStanding {

    private final ProjectHolds holds;
    private final ContinuingReviewService continuingReview;

    public ProjectStanding(ProjectHolds holds, ContinuingReviewService continuingReview) {
        this.holds = holds;
        this.continuingReview = continuingReview;
    }

    /**
     * Why {@code what} may not happen now, if it may not.
     *
     * @param what what was asked for, as the message names it ("The go-live on 4 West")
     */
    public Optional<String> refusal(String projectKey, String what) {
        var hold = holds.active(projectKey);
        if (hold.isPresent()) {
            return Optional.of(what + " is refused: the IRB suspended " + projectKey + " on " + hold.get().since() + " (" + hold.get().reason()
                    + "). Every rollout and go-live is held until an IRB reviewer resumes the project.");
        }
        return continuingReview.lapsed(projectKey).map(p -> ContinuingReviewService.lapseMessage(p, what));
    }

    /** @throws BadUserRequestException naming the suspension or the lapse */
    public void require(String projectKey, String what) {
        refusal(projectKey, what).ifPresent(message -> {
            throw new BadUserRequestException(message);
        });
    }
}
