package org.learninghealth.cycle.benchmark;

import static org.learninghealth.cycle.project.CycleVariables.*;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.learninghealth.cycle.CycleSteps;
import org.learninghealth.cycle.closure.ClosureProcess;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.partners.PatientReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The scale data generator: a large health system's years of learning cycles in the database the test application
 * runs on (H2, or PostgreSQL with {@code -Dlc.test.database=postgres}). By default, per year, 2,000 finished projects
 * ({@code -Dscale.finishedPerYear}) across every ending and pathway; 1,000 open projects in every stage
 * ({@code -Dscale.open}); 300 people in the roles ({@code -Dscale.people}).
 * <p>
 * Every project runs through the real models and services: one of each pathway (the templates) is worked to its end
 * from two years before now, and the open projects are worked to their stage today. The finished projects
 * of the years are copies of the templates ({@link HistoryCopier}: new keys, ids, people and words, moved in time),
 * which is what the engine and the app would have written for the same steps — the one fast path, and the only one.
 */
abstract class ScaleData extends CycleSteps {

    static final int FINISHED_PER_YEAR = Integer.getInteger("scale.finishedPerYear", 2_000);
    static final int OPEN = Integer.getInteger("scale.open", 1_000);
    static final int PEOPLE = Integer.getInteger("scale.people", 300);

    /** "Now" for the generated system: the open projects are worked up to it, the finished ones ended before it. */
    static final LocalDate NOW = TODAY.plusYears(2);

    /** A pathway, its share of the finished projects, and how to work a template through it. */
    record Pathway(String name, int share, java.util.function.Function<ScaleData, String> run) {
    }

    static final List<Pathway> PATHWAYS = List.of(
            new Pathway("adopted, sustained 12 months", 30, d -> d.sustained(d.adopted("lead"))),
            new Pathway("adapted, adopted in cycle 2, sustained", 10, ScaleData::adaptedThenAdopted),
            new Pathway("modifications required, then abandoned", 10, ScaleData::modifiedThenAbandoned),
            new Pathway("abandoned", 10, d -> d.decidedOn(d.throughEvaluation("lead", 20, 22), "ABANDON")),
            new Pathway("declined at triage", 10, ScaleData::declined),
            new Pathway("triage escalated, then disapproved", 8, ScaleData::escalatedThenDisapproved),
            new Pathway("withdrawn during rollout", 7, ScaleData::withdrawnDuringRollout),
            new Pathway("research (expedited), adopted, sustained, closed with the IRB", 10, ScaleData::researchClosed),
            new Pathway("adopted, spread to another unit, sustained", 5, ScaleData::spreadThenSustained));

    static final String[] TOPICS = {"Falls", "Pressure injuries", "Central line infections", "Catheter-associated urinary infections",
            "Sepsis recognition", "Medication errors", "Hand hygiene", "Delirium", "Readmissions", "Discharge delays", "Hypoglycaemia",
            "Venous thromboembolism", "Surgical site infections", "Ventilator pneumonia", "Pain scores", "Restraint use", "Missed doses",
            "Blood culture contamination", "Early warning score escalation", "Inpatient mobility", "Nutrition screening", "Handover omissions",
            "Alarm fatigue", "Opioid oversedation", "Antibiotic timeliness", "Patient identification", "Wrong-site procedures",
            "Emergency department boarding", "Length of stay", "Stroke door-to-needle time", "Heart failure readmissions", "Smoking cessation",
            "Breastfeeding at discharge", "Neonatal hypothermia", "Postpartum haemorrhage", "Child asthma action plans", "Paediatric sedation",
            "Dialysis catheter infections", "Chemotherapy delays", "Advance care planning"};
    static final String[] UNITS_OF_CARE = {"the medical wards", "4 West", "5 East", "the surgical wards", "the ICU", "the emergency department",
            "maternity", "the children's ward", "oncology", "cardiology", "orthopaedics", "the stroke unit", "renal", "geriatrics", "day surgery"};
    static final String[] IDEAS = {"Hourly rounding by nurses and aides", "A nurse-driven removal protocol", "Bedside checklists at every shift",
            "Pharmacist review at admission", "Teach-back before discharge", "A daily safety huddle", "Standard order sets", "Visual prompts at the bedside",
            "Early mobility by physiotherapists", "Two-person verification", "A rapid response trigger tool", "Family presence at rounds",
            "Electronic reminders in the record", "Structured handover (SBAR)", "Peer audit and feedback", "Simulation training"};

    @Autowired DataSource dataSource;

    final Random random = new Random(18);
    final List<String> leads = new ArrayList<>();
    final List<String> managers = new ArrayList<>();
    final List<String> reviewers = new ArrayList<>();
    final List<String> champions = new ArrayList<>();
    final Map<String, Integer> numbers = new HashMap<>();
    List<HistoryCopier.Template> templates;
    long finished;

    /** {@code count} people in the roles, as a large system has them: mostly leads and champions. */
    void people(int count) {
        for (int i = 0; i < count; i++) {
            String role;
            List<String> into;
            int slot = i % 20;
            if (slot < 11) {
                role = Roles.PROJECT_LEADS;
                into = leads;
            } else if (slot < 16) {
                role = Roles.UNIT_CHAMPIONS;
                into = champions;
            } else if (slot < 18) {
                role = Roles.IRB_REVIEWERS;
                into = reviewers;
            } else {
                role = Roles.MANAGERS;
                into = managers;
            }
            String id = role.substring(0, role.indexOf('-') < 0 ? role.length() : role.indexOf('-')) + String.format(Locale.ROOT, "%03d", i);
            ensureUser(id, role);
            into.add(id);
        }
    }

    /** Works one project of each pathway to its end, from {@code TODAY} (two years before now), and reads it for copying. */
    void templates() throws SQLException {
        ClockUtil.setCurrentTime(date(TODAY));
        templates = new ArrayList<>();
        try (Connection db = dataSource.getConnection()) {
            for (Pathway pathway : PATHWAYS) {
                ClockUtil.setCurrentTime(date(TODAY));
                String key = pathway.run().apply(this);
                HistoryCopier.Template template = HistoryCopier.capture(db, key);
                templates.add(template);
                System.out.printf(Locale.ROOT, "  template %-62s %s: %,d rows%n", pathway.name(), key, template.rows());
            }
        }
    }

    /** {@code perYear} finished projects a year, in the {@code years} before the earliest year written so far (or now). */
    void finishedYears(int years, int perYear, LocalDate before) throws SQLException {
        try (Connection db = bulkConnection(); HistoryCopier.Writer writer = new HistoryCopier.Writer(db)) {
            int total = years * perYear;
            for (int i = 0; i < total; i++) {
                int pick = pick();
                HistoryCopier.Template template = templates.get(pick);
                long duration = ended(template) - template.started().getTime();
                long latestStart = before.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - duration - 86_400_000L;
                long start = latestStart - (long) ((double) i / total * years * 365.25 * 86_400_000L) - random.nextInt(86_400_000);
                writer.write(template, copy(template, start));
                finished++;
            }
        }
    }

    /** On PostgreSQL a connection of its own that sends a batch as multi-row inserts (several times faster); else the pool's. */
    private Connection bulkConnection() throws SQLException {
        if (dataSource instanceof com.zaxxer.hikari.HikariDataSource pool && pool.getJdbcUrl().startsWith("jdbc:postgresql")) {
            String url = pool.getJdbcUrl() + (pool.getJdbcUrl().contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
            return java.sql.DriverManager.getConnection(url, pool.getUsername(), pool.getPassword());
        }
        return dataSource.getConnection();
    }

    private int pick() {
        int roll = random.nextInt(100);
        for (int p = 0; p < PATHWAYS.size(); p++) {
            roll -= PATHWAYS.get(p).share();
            if (roll < 0) {
                return p;
            }
        }
        return PATHWAYS.size() - 1;
    }

    private final Map<HistoryCopier.Template, Long> ends = new HashMap<>();

    private long ended(HistoryCopier.Template template) {
        return ends.computeIfAbsent(template, t -> {
            try (Connection db = dataSource.getConnection(); var s = db.prepareStatement("select max(END_TIME_) from ACT_HI_PROCINST where BUSINESS_KEY_ = ?")) {
                s.setString(1, t.projectKey());
                try (var r = s.executeQuery()) {
                    r.next();
                    return r.getTimestamp(1).getTime();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private HistoryCopier.Copy copy(HistoryCopier.Template template, long start) {
        int year = java.time.Instant.ofEpochMilli(start).atZone(ZoneOffset.UTC).getYear();
        String key = String.format(Locale.ROOT, "LC-%d-%04d", year, numbers.merge(String.valueOf(year), 1, Integer::sum) + 5000);
        String topic = skewed(TOPICS);
        String unit = skewed(UNITS_OF_CARE);
        Map<String, String> words = new java.util.LinkedHashMap<>();
        words.put("Falls on the medical wards", topic + " on " + unit);
        words.put("Inpatient falls with injury rose on the medical wards, mostly at night.", topic + " rose on " + unit + " over the last year.");
        words.put("Hourly rounding by nurses and aides", skewed(IDEAS));
        Map<String, String> people = Map.of("lead", one(leads), "manager", one(managers), "irb", one(reviewers), "irb2", one(reviewers),
                "champion", one(champions));
        return new HistoryCopier.Copy(key, start - template.started().getTime(), words, people);
    }

    /** Zipf-like: the first entries are far more common, as in a real portfolio. */
    private String skewed(String[] of) {
        double u = random.nextDouble();
        return of[(int) Math.min(of.length - 1, Math.floor(Math.pow(of.length + 1, u) - 1))];
    }

    private String one(List<String> of) {
        return of.get(random.nextInt(of.size()));
    }

    /** The app's project numbers move past the copies, so a new project gets a free key. */
    void projectNumbersPastCopies() throws SQLException {
        try (Connection db = dataSource.getConnection()) {
            for (Map.Entry<String, Integer> year : numbers.entrySet()) {
                try (var delete = db.prepareStatement("delete from project_number where year_value = ?");
                     var insert = db.prepareStatement("insert into project_number (year_value, last_number) values (?, ?)")) {
                    delete.setInt(1, Integer.parseInt(year.getKey()));
                    delete.executeUpdate();
                    insert.setInt(1, Integer.parseInt(year.getKey()));
                    insert.setInt(2, year.getValue() + 5000);
                    insert.executeUpdate();
                }
            }
        }
    }

    /** {@code count} open projects, each worked through the engine to one of ten stages, started up to 120 days before now. */
    List<String> openProjects(int count) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ClockUtil.setCurrentTime(date(NOW.minusDays(100 + random.nextInt(20))));
            keys.add(openAt(i % 10, one(leads)));
        }
        ClockUtil.setCurrentTime(date(NOW));
        return keys;
    }

    private String openAt(int stage, String lead) {
        String topic = skewed(TOPICS) + " on " + skewed(UNITS_OF_CARE);
        String key = projectKey(startProject(lead, challenge(topic)));
        if (stage == 0) {
            return key; // waiting for triage
        }
        acceptedWithEvidence(key);
        if (stage == 1) {
            return key; // waiting for the plan
        }
        if (stage == 9) {
            complete(lead, key, LearningCycleProcess.TASK_PLAN, patientFacingPlan());
            return key; // with the patient and family partners
        }
        complete(lead, key, LearningCycleProcess.TASK_PLAN, plan());
        if (stage == 2) {
            return key; // with the IRB
        }
        reviewed(one(reviewers), key, OversightReviewProcess.TASK_REVIEW_PLAN, "APPROVE", null);
        executeJobs(key);
        if (stage == 3) {
            return key; // go-live on the units
        }
        LocalDate goLive = today();
        for (var task : tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE)) {
            completeTask(one(champions), task, Map.of(UnitRolloutProcess.GO_LIVE_DATE, goLive.toString(), UnitRolloutProcess.FIDELITY_NOTES, "As planned"));
        }
        executeJobs(key);
        if (stage == 4) {
            return key; // measuring
        }
        measurementPeriodOver(key, 12);
        if (stage == 5) {
            return key; // data due
        }
        complete(lead, key, LearningCycleProcess.TASK_SUBMIT_MEASUREMENTS, Map.of(MEASUREMENT_CSV, perUnit(goLive), BALANCING_MEASURE_HARMED, false));
        executeJobs(key);
        if (stage == 6) {
            return key; // interpretation
        }
        complete(lead, key, LearningCycleProcess.TASK_INTERPRET, Map.of(INTERPRETATION, "Done on most shifts.", LESSONS_LEARNED, "Start with the night shift."));
        if (stage == 7) {
            return key; // adoption decision
        }
        complete(one(managers), key, LearningCycleProcess.TASK_DECIDE, Map.of(DECISION, "ADOPT", DECISION_RATIONALE, "Improved on both units"));
        executeJobs(key);
        return key; // sustaining
    }

    /** Weekly proportions of both planned units, ten weeks before go-live and twelve from it. */
    static String perUnit(LocalDate goLive) {
        return "period,numerator,denominator,unit\n" + unitProportions("4 West", goLive, 20, 8) + unitProportions("5 East", goLive, 21, 9);
    }

    // --- the templates: one project per pathway, worked to its end -------------------------------------------------

    private String decidedOn(String key, String decision) {
        decided(key, decision);
        return key;
    }

    /** Twelve months of monitoring, each month's data sent before its review. */
    private String sustained(String key) {
        monitored(key, today(), 12);
        return key;
    }

    /** {@code months} of monitoring from {@code from}, each month's data sent before its review; @return the next week to report */
    private LocalDate monitored(String key, LocalDate from, int months) {
        LocalDate next = from;
        for (int month = 0; month < months; month++) {
            next = reported(key, next, 4, 8);
            monthPassed(key);
        }
        return next;
    }

    private String adaptedThenAdopted() {
        String key = throughEvaluation("lead", 20, 17);
        decided(key, "ADAPT");
        planned(key, plan());
        reviewed("irb", key, OversightReviewProcess.TASK_REVIEW_PLAN, "APPROVE", null);
        LocalDate goLive = today();
        rolledOut(key, goLive);
        measurementPeriodOver(key, 12);
        measurementsSubmitted(key, weeklyProportions(goLive, 10, 20, 10, 8), false);
        interpreted(key);
        decided(key, "ADOPT");
        return sustained(key);
    }

    private String modifiedThenAbandoned() {
        String key = started("lead");
        acceptedWithEvidence(key);
        planned(key, plan());
        reviewed("irb", key, OversightReviewProcess.TASK_REVIEW_PLAN, "MODIFICATIONS_REQUIRED", "Add a consent script for families");
        planned(key, plan());
        reviewed("irb2", key, OversightReviewProcess.TASK_REVIEW_PLAN, "APPROVE", null);
        LocalDate goLive = today();
        rolledOut(key, goLive);
        measurementPeriodOver(key, 12);
        measurementsSubmitted(key, perUnit(goLive), false);
        interpreted(key);
        return decidedOn(key, "ABANDON");
    }

    private String declined() {
        String key = started("lead");
        triage(key, "DECLINE", "Already covered by the falls collaborative");
        return key;
    }

    private String escalatedThenDisapproved() {
        String key = started("lead");
        moveClock(Duration.ofDays(8));
        executeJobs(key);
        acceptedWithEvidence(key);
        planned(key, plan());
        reviewed("irb", key, OversightReviewProcess.TASK_REVIEW_PLAN, "DISAPPROVE", "The change withholds a standard assessment");
        executeJobs(key);
        return key;
    }

    private String withdrawnDuringRollout() {
        String key = approved("lead");
        withdraw("lead", key, "The unit is closing for renovation");
        executeJobs(key);
        return key;
    }

    /** Adopted, spread to 6 South while monitored: the spread's 12 weeks pass with the monthly data coming in, then the rest of the year. */
    private String spreadThenSustained() {
        String key = adopted("lead");
        as("manager", () -> spreads.spread(key, List.of("6 South"), "The same falls at night on 6 South", false, null));
        LocalDate goLive = today();
        rolledOut(key, goLive);
        LocalDate next = monitored(key, goLive, 3);
        complete("lead", key, org.learninghealth.cycle.spread.SpreadProcess.TASK_SEND_DATA, Map.of(MEASUREMENT_CSV,
                "period,numerator,denominator,unit\n" + unitProportions("6 South", goLive, 20, 8)));
        executeJobs(key);
        complete("manager", key, org.learninghealth.cycle.spread.SpreadProcess.TASK_REVIEW,
                Map.of(org.learninghealth.cycle.spread.SpreadProcess.SPREAD_CONCLUSION, "Keep it on 6 South."));
        executeJobs(key);
        monitored(key, next, 9);
        return key;
    }

    private String researchClosed() {
        String key = sustained(adopted("lead", researchPlan()));
        complete("lead", key, ClosureProcess.TASK_SUBMIT_REPORT, closureReport());
        complete("irb", key, ClosureProcess.TASK_ACKNOWLEDGE, Map.of(ClosureProcess.CLOSURE_DECISION, "ACKNOWLEDGE", ClosureProcess.CLOSURE_COMMENTS, "Closed"));
        executeJobs(key);
        return key;
    }

    /** Row counts of the tables the figures depend on. */
    Map<String, Long> tableSizes() throws SQLException {
        Map<String, Long> sizes = new java.util.LinkedHashMap<>();
        try (Connection db = dataSource.getConnection(); var s = db.createStatement()) {
            for (String table : List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST", "ACT_HI_VARINST", "ACT_HI_DETAIL", "ACT_HI_JOB_LOG",
                    "ACT_HI_OP_LOG", "ACT_GE_BYTEARRAY", "ACT_RU_TASK", "ACT_RU_AUTHORIZATION", "knowledge_record", "measurement", "letter")) {
                try (var r = s.executeQuery("select count(*) from " + table)) {
                    r.next();
                    sizes.put(table, r.getLong(1));
                }
            }
        }
        return sizes;
    }
}
