package org.learninghealth.cycle.portfolio;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes a {@code stage_activity} row when an activity of a {@link Stage} ends, beside Camunda's own history and in
 * the same transaction: if the engine's step rolls back, so does the row; an end sent again updates it. A history event handler of the engine
 * (Camunda's {@code customHistoryEventHandlers}), so every way an activity ends — completed, cancelled, a called
 * review returning — is seen once.
 */
@Component
public class StageActivityRecorder extends AbstractProcessEnginePlugin implements HistoryEventHandler {

    private final JdbcTemplate jdbc;

    public StageActivityRecorder(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
        handlers.add(this);
        configuration.setCustomHistoryEventHandlers(handlers);
    }

    @Override
    public void handleEvent(HistoryEvent event) {
        if (event instanceof HistoricActivityInstanceEventEntity activity && activity.getEndTime() != null
                && HistoryEventTypes.ACTIVITY_INSTANCE_END.getEventName().equals(activity.getEventType())) {
            Stage.of(activity.getActivityId()).ifPresent(stage -> record(stage, activity));
        }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
    }

    private void record(Stage stage, HistoricActivityInstanceEventEntity activity) {
        String pathway = stage == Stage.OVERSIGHT_REVIEW
                ? jdbc.query(StageActivities.PATHWAY_OF_CALLED, rs -> rs.next() ? rs.getString(1) : null, activity.getId()) : null;
        Object[] instance = jdbc.query("select START_TIME_, BUSINESS_KEY_ from ACT_HI_PROCINST where ID_ = ?",
                rs -> rs.next() ? new Object[] {rs.getTimestamp(1), rs.getString(2)} : new Object[2], activity.getProcessInstanceId());
        Timestamp ended = new Timestamp(activity.getEndTime().getTime());
        // the end event knows the start only when the activity started in the same transaction; else its history row does
        Long duration = activity.getDurationInMillis() != null ? activity.getDurationInMillis()
                : jdbc.query("select START_TIME_ from ACT_HI_ACTINST where ID_ = ?", rs -> rs.next() ? ended.getTime() - rs.getTimestamp(1).getTime() : null,
                activity.getId());
        if (duration == null) {
            return;
        }
        // Camunda may send an activity's end twice (an asynchronous continuation after it): the last one stands, as in its own table
        if (jdbc.update("update stage_activity set pathway = ?, duration_ms = ?, ended_at = ? where activity_instance_id = ?", pathway,
                duration, ended, activity.getId()) == 0) {
            jdbc.update("insert into stage_activity (activity_instance_id, process_instance_id, project_key, activity_id, stage, pathway, duration_ms,"
                    + " ended_at, instance_started_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", activity.getId(), activity.getProcessInstanceId(), instance[1],
                    activity.getActivityId(), stage.name(), pathway, duration, ended, instance[0]);
        }
    }
}
