-- Spread: the units an adopted change is spread to after its adoption, one row per unit, with how the spread went
-- there. The adopting cycle's number: the new units go live and are measured in it, each against its own baseline.
create table unit_spread (
    project_key        varchar(40)   not null,
    cycle_number       integer       not null,
    unit               varchar(200)  not null,
    spread_instance_id varchar(64)   not null,
    reason             varchar(2000),
    requested_by       varchar(100),
    requested_at       timestamp     not null,
    -- requested, approved, not-approved, evaluated, stopped (the project was halted or withdrawn meanwhile)
    status             varchar(20)   not null,
    held               boolean,
    result             varchar(1000),
    primary key (project_key, cycle_number, unit)
);
create index ix_unit_spread_instance on unit_spread (spread_instance_id);

-- Where the adopted change held when it was spread, in words, for the next project that looks it up.
alter table knowledge_record add column spread varchar(8000);
