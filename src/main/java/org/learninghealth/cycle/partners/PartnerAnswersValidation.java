package org.learninghealth.cycle.partners;

import static org.learninghealth.cycle.partners.PatientReviewProcess.CONCERN_ANSWERS;
import static org.learninghealth.cycle.partners.PatientReviewProcess.PARTNER_COMMENTS;
import static org.learninghealth.cycle.partners.PatientReviewProcess.PARTNER_CONCERNS;
import static org.learninghealth.cycle.partners.PatientReviewProcess.PARTNER_VIEW;
import static org.learninghealth.cycle.project.CycleVariables.AIM;
import static org.learninghealth.cycle.project.CycleVariables.DECISION;
import static org.learninghealth.cycle.project.CycleVariables.PLAIN_SUMMARY;
import static org.learninghealth.cycle.project.CycleVariables.SHARE_PUBLICLY;
import static org.learninghealth.cycle.system.TaskAnswers.blank;
import static org.learninghealth.cycle.system.TaskAnswers.fits;
import static org.learninghealth.cycle.system.TaskAnswers.required;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.learninghealth.cycle.partners.PatientReviewProcess.PartnerView;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.project.LearningCycleProcess.Decision;
import org.springframework.stereotype.Component;

/**
 * On completing a partner task, the lead's answer to the partners, or a decision that shares the project publicly: what
 * comes next depends on these answers, so they must be complete whatever client sent them (Tasklist, REST). Concerns
 * and answers are one per line.
 */
@Component("partnerAnswersValidation")
public class PartnerAnswersValidation implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        List<String> problems = new ArrayList<>();
        switch (task.getTaskDefinitionKey()) {
            case PatientReviewProcess.TASK_REVIEW -> review(task, problems);
            case PatientReviewProcess.TASK_ANSWER_CONCERNS -> answers(task, problems);
            case PatientInterpretationProcess.TASK_INTERPRET -> required(task, PatientInterpretationProcess.PARTNER_INTERPRETATION,
                    "Say in your own words what these results mean for patients and families.", problems);
            case LearningCycleProcess.TASK_DECIDE -> sharing(task, problems);
            default -> throw new IllegalStateException("partnerAnswersValidation is not meant for " + task.getTaskDefinitionKey());
        }
        if (!problems.isEmpty()) {
            throw new BadUserRequestException("This cannot be sent yet: " + String.join(" ", problems));
        }
    }

    private static void review(DelegateTask task, List<String> problems) {
        PartnerView view = view(task.getVariable(PARTNER_VIEW));
        if (view == null) {
            problems.add("Choose whether you support the change, support it with suggestions, or have concerns.");
        } else if (view == PartnerView.HAS_CONCERNS && lines(task.getVariable(PARTNER_CONCERNS)).isEmpty()) {
            problems.add("Write your concerns, one per line, so that the project lead can answer each one.");
        } else if (view == PartnerView.SUPPORTS_WITH_SUGGESTIONS && blank(task.getVariable(PARTNER_COMMENTS))) {
            problems.add("Write your suggestions.");
        }
        fits(task, PARTNER_COMMENTS, "Your comments", problems);
        fits(task, PARTNER_CONCERNS, "Your concerns", problems);
    }

    private static void answers(DelegateTask task, List<String> problems) {
        int concerns = lines(task.getVariable(PARTNER_CONCERNS)).size();
        int answers = lines(task.getVariable(CONCERN_ANSWERS)).size();
        if (answers != concerns) {
            problems.add("The partners raised " + concerns + (concerns == 1 ? " concern" : " concerns") + "; answer each one on a line of its own,"
                    + " in the same order: what you revised in the plan, or why it stays as it is (" + answers
                    + (answers == 1 ? " answer" : " answers") + " given).");
        }
        required(task, PLAIN_SUMMARY, "Keep a summary in plain words for patients and families.", problems);
        fits(task, CONCERN_ANSWERS, "Your answers", problems);
        fits(task, AIM, "The aim", problems);
    }

    /** A finished project shared on the public learning page needs its summary in plain words there. */
    private static void sharing(DelegateTask task, List<String> problems) {
        boolean finished = !Decision.ADAPT.name().equals(task.getVariable(DECISION));
        if (finished && Boolean.TRUE.equals(task.getVariable(SHARE_PUBLICLY))) {
            required(task, PLAIN_SUMMARY, "To share the project on the public learning page, describe it in plain words for the public.", problems);
        }
    }


    static PartnerView view(Object value) {
        return Arrays.stream(PartnerView.values()).filter(v -> v.name().equals(value)).findFirst().orElse(null);
    }

    /** The non-empty lines of a text, trimmed. */
    public static List<String> lines(Object text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.toString().split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
