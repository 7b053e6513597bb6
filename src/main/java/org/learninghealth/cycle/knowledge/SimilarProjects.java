package org.learninghealth.cycle.knowledge;

import static org.learninghealth.cycle.project.CycleVariables.MEASURE_NAME;
import static org.learninghealth.cycle.project.CycleVariables.PROBLEM;
import static org.learninghealth.cycle.project.CycleVariables.PROJECT_KEY;
import static org.learninghealth.cycle.project.CycleVariables.PROJECT_LEAD;
import static org.learninghealth.cycle.project.CycleVariables.SIMILAR_PROJECTS;
import static org.learninghealth.cycle.project.CycleVariables.TITLE;
import static org.learninghealth.cycle.project.CycleVariables.UNITS;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.learninghealth.cycle.evidence.EvidenceService;
import org.learninghealth.cycle.knowledge.ProjectSearch.ProjectHit;
import org.learninghealth.cycle.portfolio.Stage;
import org.learninghealth.cycle.system.VariableText;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * When a challenge reaches triage (and the clarification): records the challenge as it now reads (in
 * {@link ProjectChallenges}, for the triages of later challenges), and lists the running projects and the finished ones (knowledge
 * records) most like it, with their key, stage or decision, lead and the words they share, so that a manager can
 * decline or merge a duplicate or connect the leads. The query is the evidence lookup's; a fixed number of queries
 * whatever the number of matches (two searches, the leads, the running ones and their stages).
 */
@Component("similarProjectFinder")
public class SimilarProjects implements TaskListener {

    static final int SHOWN = 5;
    /** A match scoring under this share of the best one shares only common words (a unit, "patients") and is left out. */
    static final double RELEVANT = 0.5;
    /** A project on the same problem shares at least this many words (stems) in its title, challenge or measure. */
    static final int MIN_SHARED = 2;

    private final KnowledgeSearch knowledge;
    private final ProjectSearch projects;
    private final ProjectChallenges challenges;
    private final NamedParameterJdbcTemplate jdbc;

    public SimilarProjects(KnowledgeSearch knowledge, ProjectSearch projects, ProjectChallenges challenges, NamedParameterJdbcTemplate jdbc) {
        this.knowledge = knowledge;
        this.projects = projects;
        this.challenges = challenges;
        this.jdbc = jdbc;
    }

    @Override
    public void notify(DelegateTask task) {
        String key = (String) task.getVariable(PROJECT_KEY);
        String title = (String) task.getVariable(TITLE);
        String problem = (String) task.getVariable(PROBLEM);
        String measure = (String) task.getVariable(MEASURE_NAME);
        String units = (String) task.getVariable(UNITS);
        // the challenge as the lead clarified it is what later triages find
        challenges.save(new ProjectChallenges.ProjectChallenge(key, task.getProcessInstanceId(), title, problem, measure, units,
                (String) task.getVariable(PROJECT_LEAD), null));
        task.setVariable(SIMILAR_PROJECTS, VariableText.fit(describe(key, EvidenceService.query(title, problem, measure, units), units), "the triage"));
    }

    /**
     * The similar projects in words (Markdown), or a line saying there are none.
     *
     * @param units the new challenge's units: sharing a unit does not make it the same problem
     */
    public String describe(String projectKey, String query, String units) {
        Set<String> unitWords = KnowledgeSearch.terms(units);
        List<ProjectHit> candidates = projects.search(query, projectKey, SHOWN * 2);
        Map<String, String> stages = runningStages(candidates.stream().map(h -> h.project().processInstanceId()).collect(Collectors.toSet()));
        List<ProjectHit> open = candidates.stream().filter(h -> stages.containsKey(h.project().processInstanceId())).toList();
        double bestRunning = open.stream().mapToDouble(ProjectHit::score).max().orElse(0);
        List<ProjectHit> running = open.stream().filter(h -> h.score() >= RELEVANT * bestRunning && shared(h.matchedFields(), unitWords) >= MIN_SHARED)
                .limit(SHOWN).toList();
        List<KnowledgeHit> found = KnowledgeSearch.terms(query).isEmpty() ? List.of() : knowledge.search(query, SHOWN + 1).stream()
                .filter(h -> !h.record().projectKey().equals(projectKey)).toList();
        double bestEarlier = found.stream().mapToDouble(KnowledgeHit::score).max().orElse(0);
        List<KnowledgeHit> earlier = found.stream().filter(h -> h.score() >= RELEVANT * bestEarlier && shared(h.matchedFields(), unitWords) >= MIN_SHARED)
                .limit(SHOWN).toList();
        Map<String, ProjectChallenges.ProjectChallenge> leads = challenges.byKeys(earlier.stream().map(h -> h.record().projectKey()).toList());

        StringBuilder text = new StringBuilder();
        if (!running.isEmpty()) {
            text.append("**Running projects on a similar problem**\n\n");
            for (ProjectHit hit : running) {
                var p = hit.project();
                text.append("- **").append(p.projectKey()).append("** ").append(p.title()).append(" · ").append(stages.get(p.processInstanceId()))
                        .append(" · lead: ").append(p.lead() == null ? "unknown" : p.lead()).append(" · units: ").append(p.units())
                        .append(why(hit.matchedFields())).append('\n');
            }
        }
        if (!earlier.isEmpty()) {
            text.append(text.length() == 0 ? "" : "\n").append("**Earlier projects (what they learned)**\n\n");
            for (KnowledgeHit hit : earlier) {
                var r = hit.record();
                var lead = leads.get(r.projectKey());
                text.append("- **").append(r.projectKey()).append("** ").append(r.demo() ? "[demo data] " : "").append(r.title()).append(" · cycle ")
                        .append(r.cycleNumber()).append(", ").append(r.decision()).append(" · lead: ").append(lead == null || lead.lead() == null ? "unknown" : lead.lead())
                        .append(why(hit.matchedFields())).append('\n');
            }
        }
        return text.length() == 0 ? "No running or earlier project matched this challenge." : text.toString().strip();
    }

    /** The words shared in the title, the challenge and the measure: what makes it the same problem (not the unit). */
    private static List<String> telling(List<String> matched) {
        return matched.stream().filter(m -> m.startsWith("title:") || m.startsWith("challenge:") || m.startsWith("measure:")).toList();
    }

    private static String why(List<String> matched) {
        List<String> telling = telling(matched);
        return telling.isEmpty() ? "" : " — matched " + String.join("; ", telling);
    }

    /** How many different words (stems) the telling fields share with the query, other than the units'. */
    private static int shared(List<String> matched, Set<String> unitWords) {
        Set<String> stems = new TreeSet<>();
        telling(matched).forEach(m -> stems.addAll(KnowledgeSearch.terms(m.substring(m.indexOf(':') + 1))));
        stems.removeAll(unitWords);
        return stems.size();
    }

    /** Of these process instances, the running ones with the stages they are in (one query). */
    private Map<String, String> runningStages(Set<String> instances) {
        Map<String, Set<String>> stages = new TreeMap<>();
        if (!instances.isEmpty()) {
            jdbc.query("select PROC_INST_ID_, ACT_ID_ from ACT_HI_ACTINST where END_TIME_ is null and PROC_INST_ID_ in (:ids)", Map.of("ids", instances),
                    rs -> {
                        Set<String> of = stages.computeIfAbsent(rs.getString(1), k -> new TreeSet<>());
                        Stage.of(rs.getString(2)).ifPresent(s -> of.add(s.label()));
                    });
        }
        Map<String, String> running = new TreeMap<>();
        stages.forEach((instance, labels) -> running.put(instance, labels.isEmpty() ? "running" : String.join(", ", labels)));
        return running;
    }
}
