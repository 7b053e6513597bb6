package org.learninghealth.cycle.partners;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The finished projects managers shared on the public learning page, read from the knowledge records: only the
 * columns the page may show (no lead, no rationale, no lessons, no comments, no IRB text). Demo records never appear.
 */
@Repository
public class SharedProjects {

    /** What the public learning page shows of one project. */
    public record SharedProject(String projectKey, int cycle, String title, String plainSummary, String changeIdea, String plainResult,
                                String decision, String sustainOutcome, LocalDate sustainSince, LocalDate sustainEnded, Instant sharedAt) {
    }

    private static final String COLUMNS = "project_key, cycle_number, title, plain_summary, change_idea, plain_result, decision,"
            + " sustain_outcome, sustain_since, sustain_ended, shared_at";

    private final JdbcTemplate jdbc;

    public SharedProjects(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param words every word must appear in the title or the plain words (case-insensitive); blank lists all
     * @return up to {@code limit} projects from {@code offset}, the latest shared first
     */
    public List<SharedProject> find(String words, int offset, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from knowledge_record where shared_publicly = true and demo = false");
        List<Object> arguments = new ArrayList<>();
        for (String word : words == null ? new String[0] : words.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
            if (!word.isEmpty()) {
                String like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                sql.append(" and (lower(title) like ? escape '\\' or lower(plain_summary) like ? escape '\\' or lower(change_idea) like ? escape '\\'"
                        + " or lower(plain_result) like ? escape '\\')");
                arguments.addAll(List.of(like, like, like, like));
            }
        }
        sql.append(" order by shared_at desc, id desc limit ? offset ?");
        arguments.add(limit);
        arguments.add(offset);
        return jdbc.query(sql.toString(), this::map, arguments.toArray());
    }

    /** The shared record of a project's cycle, if the project was shared. */
    public Optional<SharedProject> find(String projectKey, int cycle) {
        return jdbc.query("select " + COLUMNS + " from knowledge_record where shared_publicly = true and demo = false and project_key = ?"
                + " and cycle_number = ?", this::map, projectKey, cycle).stream().findFirst();
    }

    private SharedProject map(ResultSet rs, int row) throws SQLException {
        return new SharedProject(rs.getString("project_key"), rs.getInt("cycle_number"), rs.getString("title"), rs.getString("plain_summary"),
                rs.getString("change_idea"), rs.getString("plain_result"), rs.getString("decision"), rs.getString("sustain_outcome"),
                date(rs, "sustain_since"), date(rs, "sustain_ended"), rs.getTimestamp("shared_at").toInstant());
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        java.sql.Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }
}
