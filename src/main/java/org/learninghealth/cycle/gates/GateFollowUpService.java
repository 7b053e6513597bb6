package org.learninghealth.cycle.gates;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.learninghealth.cycle.notifications.NotificationService;
import org.springframework.stereotype.Service;

/**
 * Reminds and escalates open gates. A reminder raises the task's priority and leaves a comment in the task's
 * history; an escalation marks the task top priority with an "overdue" comment, which Tasklist sorts and shows.
 */
@Service
public class GateFollowUpService {

    static final int REMINDER_PRIORITY = 75;
    static final int ESCALATION_PRIORITY = 100;

    private final TaskService taskService;
    private final NotificationService notifications;

    public GateFollowUpService(TaskService taskService, NotificationService notifications) {
        this.taskService = taskService;
        this.notifications = notifications;
    }

    /** @return how many open tasks were reminded */
    public int remind(String processInstanceId, String taskDefinitionKey) {
        List<Task> tasks = openTasks(processInstanceId, taskDefinitionKey);
        for (Task task : tasks) {
            taskService.setPriority(task.getId(), Math.max(task.getPriority(), REMINDER_PRIORITY));
            taskService.createComment(task.getId(), processInstanceId, "Reminder: this step is due " + format(task.getDueDate()) + ".");
            notifications.reminded(task, "");
        }
        return tasks.size();
    }

    /**
     * A notice on every open task of the process instance, with the reminder's priority and mail.
     *
     * @param occasion which notice it is, when a task gets several (each is mailed once)
     */
    public void notice(String processInstanceId, String text, String occasion) {
        for (Task task : taskService.createTaskQuery().processInstanceId(processInstanceId).list()) {
            taskService.setPriority(task.getId(), Math.max(task.getPriority(), REMINDER_PRIORITY));
            taskService.createComment(task.getId(), processInstanceId, text);
            notifications.reminded(task, occasion);
        }
    }

    /** @return how many open tasks were escalated */
    public int escalate(String processInstanceId, String taskDefinitionKey) {
        List<Task> tasks = openTasks(processInstanceId, taskDefinitionKey);
        for (Task task : tasks) {
            taskService.setPriority(task.getId(), ESCALATION_PRIORITY);
            taskService.createComment(task.getId(), processInstanceId,
                    "Escalated: this step was due " + format(task.getDueDate()) + " and is overdue.");
            notifications.escalated(task);
        }
        return tasks.size();
    }

    private List<Task> openTasks(String processInstanceId, String taskDefinitionKey) {
        return taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskDefinitionKey).list();
    }

    private static String format(Date date) {
        return date == null ? "(no due date)" : new SimpleDateFormat("yyyy-MM-dd HH:mm", Locale.ROOT).format(date);
    }
}
