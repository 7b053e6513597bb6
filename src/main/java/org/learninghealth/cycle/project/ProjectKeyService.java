package org.learninghealth.cycle.project;

import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out business keys such as {@code LC-2026-0001}: a number per year, taken with a row update so that
 * several nodes on one database never hand out the same key. The year's first key is an insert that two starts
 * may race for: the loser's insert runs under a savepoint (PostgreSQL would otherwise abort the whole transaction
 * — the load benchmark found that) and it takes the next number instead.
 */
@Service
public class ProjectKeyService {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate savepoint;

    public ProjectKeyService(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    public String nextKey() {
        int year = ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC).getYear();
        int updated = jdbc.update("update project_number set last_number = last_number + 1 where year_value = ?", year);
        if (updated == 0) {
            try {
                savepoint.executeWithoutResult(status -> jdbc.update("insert into project_number (year_value, last_number) values (?, 1)", year));
            } catch (DuplicateKeyException anotherStartWasFirst) {
                jdbc.update("update project_number set last_number = last_number + 1 where year_value = ?", year);
            }
        }
        Integer number = jdbc.queryForObject("select last_number from project_number where year_value = ?", Integer.class, year);
        return String.format("LC-%d-%04d", year, number);
    }
}
