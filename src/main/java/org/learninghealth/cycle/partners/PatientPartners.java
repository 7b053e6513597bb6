package org.learninghealth.cycle.partners;

import static org.learninghealth.cycle.partners.PatientInterpretationProcess.PARTNER_INTERPRETATION;
import static org.learninghealth.cycle.partners.PatientReviewProcess.CONCERN_ANSWERS;
import static org.learninghealth.cycle.partners.PatientReviewProcess.PARTNER_COMMENTS;
import static org.learninghealth.cycle.partners.PatientReviewProcess.PARTNER_CONCERNS;
import static org.learninghealth.cycle.partners.PatientReviewProcess.PARTNER_VIEW;
import static org.learninghealth.cycle.project.CycleVariables.PATIENT_FACING;
import static org.learninghealth.cycle.project.CycleVariables.PROJECT_LEAD;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.learninghealth.cycle.partners.PatientReviewProcess.PartnerView;
import org.springframework.stereotype.Component;

/**
 * Whether the patient and family partners take part in a project (used from the models as
 * {@code ${patientPartners.take(execution)}}), and what they said, in words for the knowledge record.
 */
@Component("patientPartners")
public class PatientPartners {

    private final PatientPartnersProperties properties;

    public PatientPartners(PatientPartnersProperties properties) {
        this.properties = properties;
    }

    /** A patient-facing change, and an installation that has its partners review them. */
    public boolean take(VariableScope execution) {
        return properties.review() && Boolean.TRUE.equals(execution.getVariable(PATIENT_FACING));
    }

    /**
     * The lead of the project a partner review belongs to, for the lead's answer to the concerns. The review process
     * does not hold the lead's name: the partners may read every variable of their task's process.
     */
    public String leadOf(DelegateExecution execution) {
        DelegateExecution project = execution.getProcessInstance().getSuperExecution();
        Object lead = project == null ? null : project.getVariable(PROJECT_LEAD);
        if (lead == null) {
            throw new IllegalStateException("The partner review " + execution.getProcessInstanceId() + " was not called by a project with a lead");
        }
        return lead.toString();
    }

    /** The partners' view of the plan, each concern with the lead's answer, and their word on the results; null without them. */
    public String inWords(VariableScope execution) {
        PartnerView view = PartnerAnswersValidation.view(execution.getVariable(PARTNER_VIEW));
        Object interpretation = execution.getVariable(PARTNER_INTERPRETATION);
        if (view == null && interpretation == null) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        if (view != null) {
            text.append("Patient and family partners: ").append(switch (view) {
                case SUPPORTS -> "support the change";
                case SUPPORTS_WITH_SUGGESTIONS -> "support the change, with suggestions";
                case HAS_CONCERNS -> "had concerns";
            }).append('.');
            Object comments = execution.getVariable(PARTNER_COMMENTS);
            if (comments != null && !comments.toString().isBlank()) {
                text.append(' ').append(comments.toString().strip());
            }
            List<String> concerns = PartnerAnswersValidation.lines(execution.getVariable(PARTNER_CONCERNS));
            List<String> answers = PartnerAnswersValidation.lines(execution.getVariable(CONCERN_ANSWERS));
            for (int i = 0; i < concerns.size(); i++) {
                text.append("\nConcern ").append(i + 1).append(": ").append(concerns.get(i))
                        .append(i < answers.size() ? " — the lead's answer: " + answers.get(i) : "");
            }
        }
        if (interpretation != null) {
            text.append(text.length() == 0 ? "" : "\n").append("What the results mean for patients, in the partners' words: ")
                    .append(interpretation.toString().strip());
        }
        return text.toString();
    }
}
