-- Every project's challenge as it was described at the start (and as a clarification added to it), so that a new
-- challenge's triage lists the running projects on the same problem beside the knowledge records of finished ones.
create table project_challenge (
    project_key         varchar(40)   not null primary key,
    process_instance_id varchar(64)   not null,
    title               varchar(500)  not null,
    challenge           varchar(8000),
    measure             varchar(500),
    units               varchar(1000),
    lead                varchar(255),
    updated_at          timestamp     not null
);
create index ix_project_challenge_updated on project_challenge (updated_at);
