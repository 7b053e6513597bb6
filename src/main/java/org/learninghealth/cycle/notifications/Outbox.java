package org.learninghealth.cycle.notifications;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The mails to send (table {@code notification}). Each is written once (its dedupe key: what, which task, whom), and
 * sent by the node that claims it: a claim is one conditional update, so two nodes never send the same mail.
 */
@Repository
public class Outbox {

    /** A mail waiting to be sent. */
    public record Mail(long id, String recipient, String email, String kind, String projectKey, String subject, String body, int attempts) {
    }

    private static final String COLUMNS = "id, recipient, email, kind, project_key, subject, body, attempts";

    private final JdbcTemplate jdbc;

    public Outbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the mail unless one with the same key was written before; @return whether it was written */
    public boolean add(String dedupeKey, String recipient, String email, String kind, String projectKey, String subject, String body, boolean digest,
                       Instant now) {
        if (jdbc.queryForObject("select count(*) from notification where dedupe_key = ?", Integer.class, dedupeKey) > 0) {
            return false;
        }
        try {
            jdbc.update("insert into notification (dedupe_key, recipient, email, kind, project_key, subject, body, digest, created_at, attempts,"
                    + " next_attempt_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)", dedupeKey, recipient, email, kind, projectKey, subject, body, digest,
                    Timestamp.from(now), Timestamp.from(now));
            return true;
        } catch (DuplicateKeyException e) {
            return false; // written by another transaction meanwhile
        }
    }

    /** Claims up to {@code limit} due mails (not digests) for {@code node} until {@code until}; only the claimed ones are returned. */
    public List<Mail> claimDue(String node, Instant now, Instant until, int limit) {
        List<Long> due = jdbc.queryForList("select id from notification where sent_at is null and digest = false and next_attempt_at <= ?"
                + " and (claimed_until is null or claimed_until < ?) order by id fetch first " + limit + " rows only", Long.class, Timestamp.from(now),
                Timestamp.from(now));
        return claim(due, node, now, until);
    }

    /** Claims every unsent digest mail of one person written before {@code writtenBefore}. */
    public List<Mail> claimDigest(String recipient, Instant writtenBefore, String node, Instant now, Instant until) {
        List<Long> due = jdbc.queryForList("select id from notification where sent_at is null and digest = true and recipient = ? and created_at < ?"
                + " and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?) order by id", Long.class, recipient,
                Timestamp.from(writtenBefore), Timestamp.from(now), Timestamp.from(now));
        return claim(due, node, now, until);
    }

    /** Who has digest mails waiting. */
    public List<String> digestRecipients() {
        return jdbc.queryForList("select distinct recipient from notification where sent_at is null and digest = true", String.class);
    }

    private List<Mail> claim(List<Long> ids, String node, Instant now, Instant until) {
        List<Long> claimed = ids.stream().filter(id -> jdbc.update("update notification set claimed_by = ?, claimed_until = ? where id = ? and sent_at is null"
                + " and (claimed_until is null or claimed_until < ?)", node, Timestamp.from(until), id, Timestamp.from(now)) == 1).toList();
        if (claimed.isEmpty()) {
            return List.of();
        }
        String in = String.join(",", java.util.Collections.nCopies(claimed.size(), "?"));
        return jdbc.query("select " + COLUMNS + " from notification where id in (" + in + ") order by id", (rs, i) -> new Mail(rs.getLong(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8)), claimed.toArray());
    }

    public void sent(List<Long> ids, Instant at) {
        ids.forEach(id -> jdbc.update("update notification set sent_at = ?, claimed_by = null, claimed_until = null where id = ?", Timestamp.from(at), id));
    }

    /** A failed try: tried again at {@code retryAt}, or never when {@code retryAt} is null (given up). */
    public void failed(List<Long> ids, Instant retryAt, String error) {
        String cut = error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error;
        ids.forEach(id -> jdbc.update("update notification set attempts = attempts + 1, next_attempt_at = ?, claimed_by = null, claimed_until = null,"
                + " last_error = ? where id = ?", retryAt == null ? Timestamp.from(Instant.parse("9999-12-31T00:00:00Z")) : Timestamp.from(retryAt), cut, id));
    }
}
