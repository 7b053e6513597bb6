package org.learninghealth.cycle.benchmark;

import java.sql.Connection;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.learninghealth.cycle.nodes.Sql;

/**
 * A bare Camunda process of the shape of one learning cycle: as many user tasks (all the lead's), asynchronous
 * no-op service tasks, timers and synchronous no-op service tasks, in a line. The yardstick of the cost benchmarks.
 */
final class BareProcess {

    static final String KEY = "bare-cycle";

    /** What one learning cycle consisted of, read from its history. */
    record Shape(int userTasks, int asyncJobs, int timers, int syncServiceTasks) {
        @Override
        public String toString() {
            return userTasks + " user tasks, " + asyncJobs + " asynchronous jobs, " + timers + " timer(s), " + syncServiceTasks + " other service/rule tasks";
        }
    }

    private BareProcess() {
    }

    /** The shape of a finished learning cycle (with the processes it called), from Camunda's history tables. */
    static Shape shapeOf(Connection db, String projectKey) {
        String instances = "(select id_ from act_hi_procinst where business_key_ = '" + projectKey + "')";
        int userTasks = (int) Sql.count(db, "select count(*) from act_hi_taskinst where proc_inst_id_ in " + instances);
        int timers = (int) Sql.count(db, "select count(*) from act_hi_job_log where job_state_ = 2 and job_def_type_ like 'timer%' and process_instance_id_ in "
                + instances);
        int jobs = (int) Sql.count(db, "select count(*) from act_hi_job_log where job_state_ = 2 and process_instance_id_ in " + instances);
        int serviceTasks = (int) Sql.count(db, "select count(*) from act_hi_actinst where act_type_ in ('serviceTask', 'businessRuleTask', 'callActivity')"
                + " and proc_inst_id_ in " + instances);
        int async = jobs - timers;
        return new Shape(userTasks, async, timers, Math.max(0, serviceTasks - async));
    }

    static BpmnModelInstance model(Shape shape) {
        AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(180).startEvent();
        int async = shape.asyncJobs();
        int sync = shape.syncServiceTasks();
        int timers = shape.timers();
        for (int i = 0; i < shape.userTasks(); i++) {
            flow = flow.userTask("user" + i).camundaAssignee("lead");
            for (int a = 0; a < Math.ceil((double) shape.asyncJobs() / shape.userTasks()) && async > 0; a++, async--) {
                flow = flow.serviceTask("async" + async).camundaAsyncBefore().camundaExpression("${true}");
            }
            for (int s = 0; s < Math.ceil((double) shape.syncServiceTasks() / shape.userTasks()) && sync > 0; s++, sync--) {
                flow = flow.serviceTask("sync" + sync).camundaExpression("${true}");
            }
            if (i == shape.userTasks() / 2) {
                for (; timers > 0; timers--) {
                    flow = flow.intermediateCatchEvent("timer" + timers).timerWithDuration("P84D");
                }
            }
        }
        return flow.endEvent().done();
    }
}
