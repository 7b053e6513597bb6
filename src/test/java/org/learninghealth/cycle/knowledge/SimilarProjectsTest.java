package org.learninghealth.cycle.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learninghealth.cycle.project.CycleVariables.*;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleSteps;
import org.learninghealth.cycle.project.LearningCycleProcess;

/**
 * The triage of a new challenge lists the running and the finished projects on the same problem, worded differently,
 * with their key, stage or decision, lead and the words they share; the clarification shows the lead the same.
 */
class SimilarProjectsTest extends CycleSteps {

    private String start(String lead, String title, String problem, String measure) {
        Map<String, Object> challenge = challenge(title);
        challenge.put(PROBLEM, problem);
        challenge.put(MEASURE_NAME, measure);
        return projectKey(startProject(lead, challenge));
    }

    private String similar(String key, String taskKey) {
        return (String) taskService.getVariable(task(key, taskKey).getId(), SIMILAR_PROJECTS);
    }

    @Test
    void aNewChallengeSeesTheRunningAndTheFinishedProjectsOnTheSameProblem() {
        ensureUser("otherlead", "project-leads");
        String finished = start("lead", "Patients falling on the medical wards", "Falls with injury went up, most of them at night.",
                "Falls per 1,000 patient-days");
        triage(finished, "ACCEPT", null);
        executeJobs(finished);
        planned(finished, plan());
        approvedAndMeasured(finished);
        interpreted(finished);
        decided(finished, "ABANDON");
        String running = start("otherlead", "Night-time falls on 5 East", "Older patients fall when they get up alone at night.",
                "Falls per 1,000 patient-days");
        String unrelated = start("lead", "Late discharges from general surgery", "Patients leave after 3 pm, beds stay blocked.",
                "Discharges before noon");

        String duplicate = start("lead", "Falling after dark on the wards", "Patients fell out of bed at night and were hurt.",
                "Falls per 1,000 patient-days");
        String list = similar(duplicate, LearningCycleProcess.TASK_TRIAGE);

        assertThat(list).contains("**Running projects on a similar problem**", "**" + running + "** Night-time falls on 5 East · Triage · lead: otherlead",
                "**Earlier projects (what they learned)**", "**" + finished + "** Patients falling on the medical wards · cycle 1, ABANDON · lead: lead",
                "— matched title: night, falls", "— matched title: patients, falling, wards").doesNotContain(unrelated, duplicate);
        assertThat(list.indexOf(running)).isLessThan(list.indexOf(finished));

        triage(duplicate, "CLARIFY", "Is this the 5 East project?");
        assertThat(similar(duplicate, LearningCycleProcess.TASK_CLARIFY)).contains(running, finished);
        assertThat(similar(unrelated, LearningCycleProcess.TASK_TRIAGE)).doesNotContain(running, finished);
    }
}
