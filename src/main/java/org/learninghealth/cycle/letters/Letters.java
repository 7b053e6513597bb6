package org.learninghealth.cycle.letters;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The issued letters (table {@code letter}): the PDF as issued and its SHA-256. */
@Repository
public class Letters {

    /** A letter without its bytes. @param link where it is downloaded */
    public record Letter(long id, String projectKey, int cycle, String kind, String title, Instant issuedAt, String sha256, String link) {
    }

    private static final String COLUMNS = "id, project_key, cycle_number, kind, title, issued_at, sha256";

    private final JdbcTemplate jdbc;

    public Letters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the letter of a review once: a second call for the same review and kind returns the first. */
    public Letter issue(String projectKey, int cycle, LetterKind kind, String title, String reviewInstanceId, byte[] pdf) {
        Optional<Letter> earlier = find("review_instance_id = ? and kind = ?", reviewInstanceId, kind.name());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        jdbc.update("insert into letter (project_key, cycle_number, kind, title, review_instance_id, issued_at, sha256, pdf) values (?, ?, ?, ?, ?, ?, ?, ?)",
                projectKey, cycle, kind.name(), title, reviewInstanceId, new Timestamp(ClockUtil.getCurrentTime().getTime()), sha256(pdf), pdf);
        return find("review_instance_id = ? and kind = ?", reviewInstanceId, kind.name()).orElseThrow();
    }

    public List<Letter> of(String projectKey) {
        return jdbc.query("select " + COLUMNS + " from letter where project_key = ? order by issued_at, id", (rs, i) -> map(rs), projectKey);
    }

    public Optional<byte[]> pdf(String projectKey, long id) {
        return jdbc.query("select pdf from letter where project_key = ? and id = ?", (rs, i) -> rs.getBytes(1), projectKey, id).stream().findFirst();
    }

    private Optional<Letter> find(String where, Object... arguments) {
        return jdbc.query("select " + COLUMNS + " from letter where " + where, (rs, i) -> map(rs), arguments).stream().findFirst();
    }

    private static Letter map(java.sql.ResultSet rs) throws java.sql.SQLException {
        String key = rs.getString(2);
        long id = rs.getLong(1);
        return new Letter(id, key, rs.getInt(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7).trim(),
                "/api/cycles/" + key + "/letters/" + id + ".pdf");
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
