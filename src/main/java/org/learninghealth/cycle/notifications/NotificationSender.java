package org.learninghealth.cycle.notifications;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the waiting mails, every {@code send-every}: claims a batch, sends each, marks it sent; a failed send (an SMTP
 * outage) is tried again after {@code retry-after}, doubled each time, and given up after {@code max-attempts}. The
 * daily digests go out at the first run after {@code digest-at} with what waited since the day before. Several nodes
 * may run this at once: a mail is claimed by one of them.
 */
@Component
public class NotificationSender {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationSender.class);
    static final int BATCH = 50;
    static final Duration CLAIM = Duration.ofMinutes(5);

    private final NotificationProperties properties;
    private final ObjectProvider<JavaMailSender> mail;
    private final NotificationService notifications;
    private final Outbox outbox;
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    public NotificationSender(NotificationProperties properties, ObjectProvider<JavaMailSender> mail, NotificationService notifications, Outbox outbox) {
        this.properties = properties;
        this.mail = mail;
        this.notifications = notifications;
        this.outbox = outbox;
    }

    @Scheduled(fixedDelayString = "${learning-cycle.notifications.send-every:PT30S}", initialDelayString = "PT15S")
    public void run() {
        if (notifications.on()) {
            sendDue();
            sendDigests();
        }
    }

    /** @return how many mails were sent */
    public int sendDue() {
        int sent = 0;
        for (List<Outbox.Mail> batch = claim(); !batch.isEmpty(); batch = claim()) {
            for (Outbox.Mail m : batch) {
                sent += send(List.of(m), m.email(), m.subject(), m.body()) ? 1 : 0;
            }
        }
        return sent;
    }

    private List<Outbox.Mail> claim() {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        return outbox.claimDue(node, now, now.plus(CLAIM), BATCH);
    }

    /**
     * Once the day's digest time has passed: one mail a person with every step that waited for them by then (what comes
     * later waits for the next day's digest). @return digests sent
     */
    public int sendDigests() {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        Instant digestTime = now.atZone(ZoneOffset.UTC).toLocalDate().atTime(properties.digestAt()).toInstant(ZoneOffset.UTC);
        if (now.isBefore(digestTime)) {
            return 0;
        }
        int sent = 0;
        for (String recipient : outbox.digestRecipients()) {
            List<Outbox.Mail> mails = outbox.claimDigest(recipient, digestTime, node, now, now.plus(CLAIM));
            if (mails.isEmpty()) {
                continue;
            }
            StringBuilder body = new StringBuilder(mails.size() + (mails.size() == 1 ? " step waits" : " steps wait") + " for you in Learning Cycle:\n\n");
            mails.forEach(m -> body.append("- ").append(m.subject()).append('\n')
                    .append("  ").append(m.body().lines().filter(l -> l.startsWith("Open it in Tasklist")).findFirst().orElse("")).append('\n'));
            body.append("\nThis is your daily digest. To get a mail for each step instead, or no mail, change your setting (PUT ")
                    .append(properties.publicUrl()).append("/api/me/notifications).");
            sent += send(mails, mails.get(0).email(), "[Learning Cycle] " + mails.size() + (mails.size() == 1 ? " step waits" : " steps wait") + " for you",
                    body.toString()) ? 1 : 0;
        }
        return sent;
    }

    private boolean send(List<Outbox.Mail> mails, String to, String subject, String body) {
        List<Long> ids = mails.stream().map(Outbox.Mail::id).toList();
        try {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(properties.from());
            message.setTo(to);
            message.setSubject(subject);
            message.setText(body);
            mail.getObject().send(message);
            outbox.sent(ids, ClockUtil.getCurrentTime().toInstant());
            return true;
        } catch (MailException e) {
            int attempts = mails.stream().mapToInt(Outbox.Mail::attempts).max().orElse(0) + 1;
            boolean giveUp = attempts >= properties.maxAttempts();
            Instant retry = giveUp ? null : ClockUtil.getCurrentTime().toInstant().plus(properties.retryAfter().multipliedBy(1L << Math.min(attempts - 1, 20)));
            outbox.failed(ids, retry, e.getMessage());
            LOG.warn("Mail to {} not sent (try {}): {}; {}", to, attempts, e.getMessage(), giveUp ? "given up" : "tried again at " + retry);
            return false;
        }
    }
}
