package org.learninghealth.cycle.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.learninghealth.cycle.CycleSteps;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;
import org.learninghealth.cycle.system.ApiException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * E-mail for the work that waits, against a real SMTP server started here (GreenMail): a group task mails each member
 * who wants mail once, an assigned task its person; reminders and escalations (the managers too); the mail names the
 * key, title, step, due date and the Tasklist link and nothing clinical; an SMTP outage never touches the step and
 * the mail goes out once it is back; two senders (two nodes) send each mail once; a daily digest; no mail at all.
 */
@SpringBootTest(properties = {"learning-cycle.notifications.enabled=true", "learning-cycle.notifications.send-every=PT1H",
        "learning-cycle.notifications.public-url=https://learning.hospital.example/", "spring.mail.host=127.0.0.1"})
class NotificationsIT extends CycleSteps {

    static final int PORT = freePort();

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> PORT);
    }

    @Autowired NotificationSender sender;
    @Autowired NotificationProperties properties;
    @Autowired ObjectProvider<JavaMailSender> mail;
    @Autowired NotificationService notifications;
    @Autowired Outbox outbox;
    @Autowired NotificationController settings;
    @Autowired JdbcTemplate jdbc;

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        sender.sendDue();
        SMTP.purgeEmailFromAllMailboxes();
        ensureUser("quietmanager", "managers");
        var quiet = identityService.createUserQuery().userId("quietmanager").singleResult();
        quiet.setEmail("quietmanager@demo.invalid");
        identityService.saveUser(quiet);
        identityService.setUserInfo("quietmanager", MailPreference.KEY, "NONE");
        for (String user : List.of("lead", "manager", "champion")) {
            identityService.setUserInfo(user, MailPreference.KEY, "EACH");
        }
    }

    private List<String> to(MimeMessage[] messages) throws Exception {
        List<String> to = new ArrayList<>();
        for (MimeMessage m : messages) {
            Arrays.stream(m.getRecipients(Message.RecipientType.TO)).forEach(a -> to.add(a.toString()));
        }
        return to;
    }

    @Test
    void aGroupTaskMailsEachMemberWhoWantsMailOnceAndAnAssignedTaskItsPersonWithNothingClinical() throws Exception {
        String key = started("lead");
        Task triage = task(key, LearningCycleProcess.TASK_TRIAGE);
        assertThat(sender.sendDue()).isEqualTo(1);
        MimeMessage[] received = SMTP.getReceivedMessages();
        // managers: manager (mail), managerlead (no address), quietmanager (no mail wanted)
        assertThat(to(received)).containsExactly("manager@demo.invalid");
        assertThat(received[0].getSubject()).isEqualTo("[" + key + "] Triage the challenge · due " + TODAY.plusDays(5));
        String body = (String) received[0].getContent();
        assertThat(body).contains("Project: " + key + " · Falls on the medical wards", "Step: Triage the challenge", "Due: " + TODAY.plusDays(5),
                "https://learning.hospital.example/camunda/app/tasklist/default/#/?task=" + triage.getId(), "it waits for your group managers")
                .doesNotContain("Inpatient falls with injury");
        assertThat(sender.sendDue()).as("nothing twice").isZero();

        triage(key, "ACCEPT", null);
        executeJobs(key);
        assertThat(sender.sendDue()).isEqualTo(1);
        assertThat(to(SMTP.getReceivedMessages())).containsExactly("manager@demo.invalid", "lead@demo.invalid");
        assertThat(SMTP.getReceivedMessages()[1].getSubject()).startsWith("[" + key + "] Appraise evidence and plan the change · due ");
    }

    @Test
    void aReminderMailsAgainAndAnEscalationReachesTheManagersToo() throws Exception {
        String key = approved("lead");
        // the manager's triage, the lead's plan, the two IRB reviewers' review, the champion's two go-lives
        assertThat(sender.sendDue()).isEqualTo(6);
        SMTP.purgeEmailFromAllMailboxes();
        moveClock(Duration.ofDays(13).plusHours(1)); // the go-live is due after 14 days; the reminder comes a day before
        executeJobs(key);
        assertThat(sender.sendDue()).isEqualTo(2);
        assertThat(Arrays.stream(SMTP.getReceivedMessages()).map(m -> subject(m))).allMatch(s -> s.startsWith("Reminder: [" + key + "] Confirm go-live"));
        SMTP.purgeEmailFromAllMailboxes();
        moveClock(Duration.ofDays(3)); // two days overdue
        executeJobs(key);
        assertThat(sender.sendDue()).isEqualTo(4);
        assertThat(to(SMTP.getReceivedMessages())).containsExactlyInAnyOrder("champion@demo.invalid", "champion@demo.invalid", "manager@demo.invalid",
                "manager@demo.invalid");
        assertThat((String) SMTP.getReceivedMessages()[0].getContent()).contains("Overdue: this step was due");
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anSmtpOutageNeverTouchesTheStepAndTheMailGoesOutOnceTheServerIsBack() throws Exception {
        SMTP.stop();
        String key;
        try {
            key = started("lead");
            assertThat(task(key, LearningCycleProcess.TASK_TRIAGE)).as("the step is there whatever SMTP does").isNotNull();
            assertThat(sender.sendDue()).isZero();
            assertThat(jdbc.queryForObject("select attempts from notification where project_key = ?", Integer.class, key)).isOne();
        } finally {
            SMTP.start();
        }
        assertThat(sender.sendDue()).as("tried again after retry-after, not at once").isZero();
        moveClock(properties.retryAfter().plusSeconds(1));
        assertThat(sender.sendDue()).isEqualTo(1);
        assertThat(to(SMTP.getReceivedMessages())).containsExactly("manager@demo.invalid");
        assertThat(jdbc.queryForObject("select count(*) from notification where project_key = ? and sent_at is not null", Integer.class, key)).isOne();
    }

    @Test
    void twoNodesSendingAtOnceSendEachMailOnce() throws Exception {
        for (int i = 0; i < 12; i++) {
            started("lead");
        }
        NotificationSender otherNode = new NotificationSender(properties, mail, notifications, outbox);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> both = List.of(sender::sendDue, otherNode::sendDue);
            int sent = 0;
            for (Future<Integer> f : pool.invokeAll(both)) {
                sent += f.get();
            }
            // a send the SMTP server refused under the load waits for its retry, on whichever node
            moveClock(properties.retryAfter().multipliedBy(4));
            sent += sender.sendDue() + otherNode.sendDue();
            assertThat(sent).isEqualTo(12);
        } finally {
            pool.shutdown();
        }
        assertThat(SMTP.getReceivedMessages()).hasSize(12);
        assertThat(Arrays.stream(SMTP.getReceivedMessages()).map(NotificationsIT::subject).distinct()).hasSize(12);
    }

    @Test
    void aDailyDigestCollectsTheStepsOfTheDayAndNoneStopsTheMail() throws Exception {
        as("lead", () -> settings.put(new NotificationController.Setting("daily")));
        assertThat(as("lead", () -> settings.get()).mail()).isEqualTo("daily");
        assertThatThrownBy(() -> as("lead", () -> settings.put(new NotificationController.Setting("hourly")))).isInstanceOf(ApiException.class)
                .hasMessageContaining("mail is each, daily or none");
        String one = started("lead");
        String two = started("lead");
        acceptedWithEvidence(one);
        acceptedWithEvidence(two);
        sender.sendDue();
        assertThat(to(SMTP.getReceivedMessages())).as("the managers get their triage mails, the lead waits for the digest")
                .doesNotContain("lead@demo.invalid");
        assertThat(sender.sendDigests()).as("written after today's 07:00: tomorrow's digest").isZero();
        SMTP.purgeEmailFromAllMailboxes();
        ClockUtil.setCurrentTime(date(TODAY.plusDays(1)));
        assertThat(sender.sendDigests()).isEqualTo(1);
        MimeMessage digest = SMTP.getReceivedMessages()[0];
        assertThat(digest.getSubject()).isEqualTo("[Learning Cycle] 2 steps wait for you");
        assertThat((String) digest.getContent()).contains("[" + one + "] Appraise evidence and plan the change", "[" + two + "] Appraise evidence");

        as("lead", () -> settings.put(new NotificationController.Setting("none")));
        SMTP.purgeEmailFromAllMailboxes();
        triage(started("lead"), "CLARIFY", "Which shifts?");
        sender.sendDue();
        sender.sendDigests();
        assertThat(to(SMTP.getReceivedMessages())).doesNotContain("lead@demo.invalid");
        as("lead", () -> settings.put(new NotificationController.Setting("each")));
    }
}
