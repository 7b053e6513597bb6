-- One row per finished activity of a portfolio stage (portfolio.Stage), written in the engine's transaction when the
-- activity ends (portfolio.StageActivityRecorder): lead times read this narrow table, indexed by end, instead of
-- Camunda's whole activity history, which after ten years holds millions of rows. Projects that ended before this
-- version are filled in from Camunda's history by the Java migration 16 (portfolio.StageActivityBackfill).
create table stage_activity (
    activity_instance_id  varchar(64)   primary key,
    process_instance_id   varchar(64)   not null,
    project_key           varchar(255),
    activity_id           varchar(255)  not null,
    stage                 varchar(40)   not null,
    -- the oversight review's pathway (EXEMPT, EXPEDITED, ...), from the called review's own variable
    pathway               varchar(40),
    duration_ms           bigint        not null,
    ended_at              timestamp     not null,
    -- when the process instance started: the challenge of "challenge to decision"
    instance_started_at   timestamp
);
create index ix_stage_activity_ended on stage_activity (ended_at);
create index ix_stage_activity_project on stage_activity (project_key);
