package org.learninghealth.cycle.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.knowledge.KnowledgeRepository;
import org.learninghealth.cycle.knowledge.KnowledgeSearch;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * On demand ({@code ./mvnw -Pbenchmark test -Dtest=KnowledgeSearchBenchmark}): search latency over 1,000 and 100,000
 * knowledge records (H2 in memory, the app's own schema; texts and queries of words with Zipf frequencies, clinical
 * words the most frequent), median and p95 over 300 queries of 3 to 8 words, and their ratio. Targets: p95 at 100,000 under 100 ms, ratio of p95s at most 3.
 */
class KnowledgeSearchBenchmark {

    static final String[] WORDS = ("falls night rounding delirium sepsis antibiotic timing handover discharge readmission pressure injury "
            + "turning catheter infection bloodstream central line hand hygiene medication reconciliation error insulin hypoglycaemia "
            + "pain reassessment early warning score deterioration rapid response nurse staffing overtime ward unit ICU emergency "
            + "department door needle stroke thrombolysis mobility physiotherapy nutrition screening malnutrition family visiting "
            + "checklist huddle bundle education audit feedback alert order set pharmacist ward round isolation MRSA C difficile "
            + "ventilator pneumonia sedation hold weaning fluid balance kidney injury transfusion anticoagulation warfarin heparin "
            + "venous thromboembolism prophylaxis surgical site infection skin preparation theatre delay cancellation length stay "
            + "weekend mortality paediatric maternity postpartum haemorrhage breastfeeding dementia restraint agitation sleep noise").split(" ");

    static final int VOCABULARY = 20_000;
    static final String[] SYLLABLES = "ba ce di fo gu ka le mi no pu ra se ti vo zu".split(" ");

    /** The rank-th most frequent word: the clinical words first, then made-up words built from syllables. */
    static String word(int rank) {
        if (rank <= WORDS.length) {
            return WORDS[rank - 1];
        }
        StringBuilder w = new StringBuilder();
        for (int r = rank; r > 0; r /= SYLLABLES.length) {
            w.append(SYLLABLES[r % SYLLABLES.length]);
        }
        return w.toString();
    }

    /**
     * Text whose word frequencies follow Zipf's law, as natural language does (exponent 1.07 over 20,000 words);
     * a handful of words drawn evenly from a tiny vocabulary would make every word match half the base.
     */
    private static String words(ZipfDistribution zipf, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : " ").append(word(zipf.sample()));
        }
        return s.toString();
    }

    private static KnowledgeSearch fill(int records) throws Exception {
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:bench-" + records + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).table("lc_schema_history").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        ZipfDistribution random = new ZipfDistribution(new Well19937c(records), VOCABULARY, 1.07);
        Timestamp now = new Timestamp(System.currentTimeMillis());
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            batch.add(new Object[]{String.format(Locale.ROOT, "LC-BENCH-%06d", i), 1, words(random, 6), words(random, 30), words(random, 3),
                    words(random, 15), words(random, 4), words(random, 20), "improved", i % 3 == 0 ? "ADOPT" : i % 3 == 1 ? "ADAPT" : "ABANDON",
                    words(random, 10), words(random, 30), false, now});
            if (batch.size() == 5000 || i == records - 1) {
                jdbc.batchUpdate("insert into knowledge_record (project_key, cycle_number, title, challenge, setting, change_idea, measure,"
                        + " result, effect, decision, rationale, lessons, demo, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch);
                batch.clear();
            }
        }
        return new KnowledgeSearch(new KnowledgeRepository(jdbc), new org.learninghealth.cycle.knowledge.EvidenceUses(jdbc));
    }

    @Test
    void searchLatencyGrowsFarSlowerThanTheData() throws Exception {
        Timing[] p95 = new Timing[2];
        int[] sizes = {1_000, 100_000};
        for (int s = 0; s < sizes.length; s++) {
            KnowledgeSearch search = fill(sizes[s]);
            long start = System.nanoTime();
            assertThat(search.search("falls at night", 10)).hasSize(10);
            double build = (System.nanoTime() - start) / 1e6;
            ZipfDistribution zipf = new ZipfDistribution(new Well19937c(7), VOCABULARY, 1.07);
            Random lengths = new Random(7);
            List<String> queries = new ArrayList<>();
            for (int q = 0; q < 400; q++) {
                queries.add(words(zipf, 3 + lengths.nextInt(6)));
            }
            int[] next = {0};
            p95[s] = Timing.of(100, 300, () -> search.search(queries.get(next[0]++ % queries.size()), 10));
            System.out.printf(Locale.ROOT, "KnowledgeSearchBenchmark %,d records: first search (builds the index) %.0f ms; search %s%n",
                    sizes[s], build, p95[s]);
        }
        System.out.printf(Locale.ROOT, "KnowledgeSearchBenchmark ratio 100,000 / 1,000: median %.2f, p95 %.2f (target p95 ratio <= 3, p95 at 100,000 < 100 ms)%n",
                p95[1].median() / p95[0].median(), p95[1].p95() / p95[0].p95());
    }
}
