package org.learninghealth.cycle.continuingreview;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The approval period of each IRB-approved project (table {@code irb_approval}). */
@Repository
public class ApprovalPeriods {

    /**
     * One project's approval.
     *
     * @param reviewDue the day the approval expires ({@code expires}) or the check-in is due
     * @param closedOn  the day the project ended, after which nothing is due
     */
    public record ApprovalPeriod(String projectKey, String title, String lead, String pathway, LocalDate approvedOn, LocalDate reviewDue,
                                 boolean expires, int renewals, LocalDate renewedOn, LocalDate closedOn) {

        /** An expiring approval is lapsed from its expiry day until it is renewed; a check-in never lapses. */
        public boolean lapsed(LocalDate today) {
            return expires && closedOn == null && !today.isBefore(reviewDue);
        }
    }

    private static final String COLUMNS = "project_key, title, lead, pathway, approved_on, review_due, expires, renewals, renewed_on, closed_on";

    private final JdbcTemplate jdbc;

    public ApprovalPeriods(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens the project's approval period; false when it has one already (a later approval keeps its dates). */
    public boolean open(String projectKey, String title, String lead, String pathway, LocalDate approvedOn, LocalDate reviewDue, boolean expires) {
        if (find(projectKey).isPresent()) {
            return false;
        }
        jdbc.update("insert into irb_approval (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, 0, null, null)", projectKey, title, lead, pathway,
                Date.valueOf(approvedOn), Date.valueOf(reviewDue), expires);
        return true;
    }

    public void renew(String projectKey, LocalDate renewedOn, LocalDate nextDue) {
        jdbc.update("update irb_approval set review_due = ?, renewed_on = ?, renewals = renewals + 1 where project_key = ?", Date.valueOf(nextDue),
                Date.valueOf(renewedOn), projectKey);
    }

    public void close(String projectKey, LocalDate closedOn) {
        jdbc.update("update irb_approval set closed_on = ? where project_key = ? and closed_on is null", Date.valueOf(closedOn), projectKey);
    }

    public Optional<ApprovalPeriod> find(String projectKey) {
        return jdbc.query("select " + COLUMNS + " from irb_approval where project_key = ?", (rs, i) -> map(rs), projectKey).stream().findFirst();
    }

    /** Every open approval (of a project that has not ended): one row per running project at most. */
    public List<ApprovalPeriod> open() {
        return jdbc.query("select " + COLUMNS + " from irb_approval where closed_on is null", (rs, i) -> map(rs));
    }

    /** The open approvals due by {@code until} (lapsed ones included), soonest first, a page at a time. */
    public List<ApprovalPeriod> dueBy(LocalDate until, int offset, int limit) {
        return jdbc.query("select " + COLUMNS + " from irb_approval where closed_on is null and review_due <= ? order by review_due, project_key"
                + " offset ? rows fetch next ? rows only", (rs, i) -> map(rs), Date.valueOf(until), offset, limit);
    }

    private static ApprovalPeriod map(ResultSet rs) throws SQLException {
        return new ApprovalPeriod(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDate(5).toLocalDate(),
                rs.getDate(6).toLocalDate(), rs.getBoolean(7), rs.getInt(8), rs.getDate(9) == null ? null : rs.getDate(9).toLocalDate(),
                rs.getDate(10) == null ? null : rs.getDate(10).toLocalDate());
    }
}
