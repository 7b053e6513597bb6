-- Which evidence each cycle's plan rested on, one row per item the lead ticked, written when the plan is submitted (a
-- revised plan replaces its cycle's rows). Kept with what the lookup said of the item, for PubMed articles the day
-- they were first public, so the time from a publication to practice and a knowledge record's reuse can be counted.
create table evidence_use (
    project_key  varchar(40)   not null,
    cycle_number integer       not null,
    evidence_id  varchar(100)  not null,
    source       varchar(40)   not null,
    reference    varchar(1000),
    published    date,
    recorded_at  timestamp     not null,
    primary key (project_key, cycle_number, evidence_id)
);
create index ix_evidence_use_evidence on evidence_use (evidence_id);

-- When the cycle's decision was taken. Records written before this column existed: an adopted change's monitoring
-- began on the day of its adoption, so that day stands in for it.
alter table knowledge_record add column decided_at timestamp;
update knowledge_record set decided_at = cast(sustain_since as timestamp) where sustain_since is not null;
create index ix_knowledge_decided on knowledge_record (decision, decided_at);
