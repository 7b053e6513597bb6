package org.learninghealth.cycle.notifications;

import static org.learninghealth.cycle.project.CycleVariables.PROJECT_KEY;
import static org.learninghealth.cycle.project.CycleVariables.TITLE;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.project.TaskContextPlugin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/**
 * Who is told that a step waits for them, and what the mail says. A task for a person mails that person; a task for
 * a group mails each member who has an address and has not turned mail off (one mail a person, whatever their
 * groups); a reminder mails them again; an escalation mails them and the managers. The mail names the project key
 * and title, the step and its due date and links to the task in Tasklist: nothing clinical beyond the title. Mails
 * are written into the {@link Outbox} in the transaction of the step, so a step never waits for or fails on SMTP.
 */
@Service
public class NotificationService {

    static final String TASK = "TASK";
    static final String REMINDER = "REMINDER";
    static final String ESCALATION = "ESCALATION";
    static final int MAX_GROUP_MEMBERS = 2000;

    private final NotificationProperties properties;
    private final ObjectProvider<JavaMailSender> mail;
    private final IdentityService identity;
    private final TaskService tasks;
    private final Outbox outbox;
    private final ApiCaller caller;

    public NotificationService(NotificationProperties properties, ObjectProvider<JavaMailSender> mail, IdentityService identity, TaskService tasks,
                               Outbox outbox, ApiCaller caller) {
        this.properties = properties;
        this.mail = mail;
        this.identity = identity;
        this.tasks = tasks;
        this.outbox = outbox;
        this.caller = caller;
    }

    /** Mail is sent when it is enabled and an SMTP server is configured. */
    public boolean on() {
        return properties.enabled() && mail.getIfAvailable() != null;
    }

    /** Every new user task, as Camunda's Spring eventing publishes it inside the transaction that creates it. */
    @EventListener(condition = "#task.eventName == 'create'")
    public void taskCreated(DelegateTask task) {
        if (on()) {
            write(TASK, task.getId(), task.getName(), task.getDueDate(), (String) task.getVariable(PROJECT_KEY), (String) task.getVariable(TITLE),
                    task.getAssignee(), task.getCandidates(), false);
        }
    }

    /**
     * A reminder for the open task.
     *
     * @param occasion which reminder it is, when a task has several (each is sent once)
     */
    public void reminded(Task task, String occasion) {
        followUp(REMINDER, task, occasion, false);
    }

    /** A gate is overdue: its people and the managers are told. */
    public void escalated(Task task) {
        followUp(ESCALATION, task, "", true);
    }

    private void followUp(String kind, Task task, String occasion, boolean managers) {
        if (!on()) {
            return;
        }
        Map<String, Object> v = tasks.getVariables(task.getId(), List.of(PROJECT_KEY, TITLE));
        write(kind + occasion, task.getId(), task.getName(), task.getDueDate(), (String) v.get(PROJECT_KEY), (String) v.get(TITLE), task.getAssignee(),
                tasks.getIdentityLinksForTask(task.getId()), managers);
    }

    private void write(String kind, String taskId, String taskName, Date due, String projectKey, String title, String assignee,
                       Collection<IdentityLink> links, boolean managers) {
        caller.asSystem(() -> {
            Map<String, String> why = recipients(assignee, links, managers);
            String step = TaskContextPlugin.stepOf(taskName);
            String dueText = due == null ? "no due date" : due.toInstant().atZone(ZoneOffset.UTC).toLocalDate().toString();
            for (Map.Entry<String, String> recipient : why.entrySet()) {
                User user = identity.createUserQuery().userId(recipient.getKey()).singleResult();
                if (user == null || user.getEmail() == null || user.getEmail().isBlank()) {
                    continue;
                }
                MailPreference preference = MailPreference.of(identity.getUserInfo(user.getId(), MailPreference.KEY));
                if (preference == MailPreference.NONE) {
                    continue;
                }
                String type = kind.startsWith(REMINDER) ? REMINDER : kind;
                String subject = switch (type) {
                    case REMINDER -> "Reminder: ";
                    case ESCALATION -> "Overdue: ";
                    default -> "";
                } + "[" + projectKey + "] " + step + " · due " + dueText;
                outbox.add(kind + ":" + taskId + ":" + user.getId(), user.getId(), user.getEmail(), type, projectKey, subject,
                        body(type, step, projectKey, title, dueText, taskId, recipient.getValue()), preference == MailPreference.DAILY,
                        ClockUtil.getCurrentTime().toInstant());
            }
            return null;
        });
    }

    /** Each person once, with why they get it. */
    private Map<String, String> recipients(String assignee, Collection<IdentityLink> links, boolean managers) {
        Map<String, String> why = new LinkedHashMap<>();
        if (assignee != null) {
            why.put(assignee, "it is assigned to you");
        } else {
            for (IdentityLink link : links) {
                if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
                    continue;
                }
                if (link.getUserId() != null) {
                    why.putIfAbsent(link.getUserId(), "you may take it");
                } else if (link.getGroupId() != null) {
                    members(link.getGroupId()).forEach(u -> why.putIfAbsent(u, "it waits for your group " + link.getGroupId()));
                }
            }
        }
        if (managers) {
            members(Roles.MANAGERS).forEach(u -> why.putIfAbsent(u, "it is overdue and escalated to the managers"));
        }
        return why;
    }

    private List<String> members(String group) {
        List<String> ids = new ArrayList<>();
        identity.createUserQuery().memberOfGroup(group).listPage(0, MAX_GROUP_MEMBERS).forEach(u -> ids.add(u.getId()));
        return ids;
    }

    private String body(String kind, String step, String projectKey, String title, String due, String taskId, String why) {
        String news = switch (kind) {
            case REMINDER -> "Reminder: this step is due soon.\n\n";
            case ESCALATION -> "Overdue: this step was due " + due + " and has been escalated to the managers.\n\n";
            default -> "";
        };
        return news + step + " waits in Learning Cycle.\n\n"
                + "Project: " + projectKey + " · " + title + "\n"
                + "Step: " + step + "\n"
                + "Due: " + due + "\n\n"
                + "Open it in Tasklist: " + properties.publicUrl() + "/camunda/app/tasklist/default/#/?task=" + taskId + "\n\n"
                + "You get this mail because " + why + ". To get one digest a day, or no mail, change your setting"
                + " (PUT " + properties.publicUrl() + "/api/me/notifications).";
    }
}
