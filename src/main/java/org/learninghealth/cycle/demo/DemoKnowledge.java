package org.learninghealth.cycle.demo;

import java.util.List;
import org.learninghealth.cycle.identity.DemoProperties;
import org.learninghealth.cycle.knowledge.KnowledgeRecord;
import org.learninghealth.cycle.knowledge.KnowledgeRepository;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Invented knowledge records so that the first evidence lookup shows something. Every one is marked demo and carries
 * "DEMO" keys; none reports a real result or cites a real publication.
 */
@Component
@Order(2)
public class DemoKnowledge implements ApplicationRunner {

    static final List<KnowledgeRecord> RECORDS = List.of(
            demo("DEMO-2025-0001", "Hourly rounding to reduce inpatient falls",
                    "Falls with injury on medical wards rose over two quarters, mostly at night and on the way to the toilet.",
                    "4 West medicine", "Structured hourly rounding (pain, position, potty, possessions) by nurses and aides, logged on a bedside card.",
                    "Falls per 1,000 patient-days", "ADOPT", "Demo data: falls fell on both units and rounding was sustained.",
                    "Demo data: night-shift buy-in came only after aides shared the logging."),
            demo("DEMO-2025-0002", "Nurse-driven removal of urinary catheters",
                    "Catheter-associated urinary tract infections and catheter days above target in the ICU.",
                    "Medical ICU", "Nurses remove urinary catheters by protocol when no indication remains, without waiting for an order.",
                    "Catheter days per 1,000 patient-days", "ADAPT", "Demo data: catheter days fell; infection counts too small to judge.",
                    "Demo data: the indication list needed a surgical exception before night teams used it."),
            demo("DEMO-2025-0003", "Sepsis screening at emergency triage",
                    "Antibiotics for sepsis often started more than an hour after arrival in the emergency department.",
                    "Emergency department", "A two-question sepsis screen at triage that pages the sepsis nurse.",
                    "Proportion of sepsis patients with antibiotics within 60 minutes", "ABANDON",
                    "Demo data: no improvement; pages were ignored at peak hours.", "Demo data: alert fatigue; fix staffing before screening."),
            demo("DEMO-2025-0004", "Discharge before noon with a next-day discharge checklist",
                    "Late discharges block admissions from the emergency department in the afternoon.",
                    "General surgery ward", "Checklist completed the evening before discharge; transport booked by 9:00.",
                    "Proportion of discharges before noon", "ADOPT", "Demo data: more discharges before noon.",
                    "Demo data: pharmacy had to join the evening huddle."));

    private final KnowledgeRepository repository;
    private final DemoProperties demo;

    public DemoKnowledge(KnowledgeRepository repository, DemoProperties demo) {
        this.repository = repository;
        this.demo = demo;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (demo.enabled()) {
            RECORDS.stream().filter(r -> repository.find(r.projectKey(), r.cycleNumber()).isEmpty()).forEach(repository::save);
        }
    }

    private static KnowledgeRecord demo(String key, String title, String challenge, String setting, String change, String measure,
                                        String decision, String effect, String lessons) {
        return new KnowledgeRecord(null, key, 1, title, challenge, setting, change, measure, effect, effect, decision,
                "Demo data", lessons, null, null, null, null, true, null);
    }
}
