package org.learninghealth.cycle.benchmark;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * On demand ({@code ./mvnw -Pbenchmark test -Dtest=ScaleDataGenerator -Dscale.years=10}, add
 * {@code -Dlc.test.database=postgres} for PostgreSQL): fills a database with {@code scale.years} years of a large
 * health system ({@link ScaleData}) and prints what it wrote and how long it took.
 */
class ScaleDataGenerator extends ScaleData {

    static final int YEARS = Integer.getInteger("scale.years", 10);

    @Test
    void fillsYearsOfALargeHealthSystem() throws Exception {
        long start = System.nanoTime();
        people(PEOPLE);
        templates();
        finishedYears(YEARS, FINISHED_PER_YEAR, NOW);
        projectNumbersPastCopies();
        openProjects(OPEN);
        System.out.printf(Locale.ROOT, "ScaleDataGenerator: %d years, %,d finished projects, %,d open, %d people in %.0f s%n  %s%n", YEARS, finished, OPEN,
                PEOPLE, (System.nanoTime() - start) / 1e9, tableSizes());
    }
}
