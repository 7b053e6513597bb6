package org.learninghealth.cycle.benchmark;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;

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
