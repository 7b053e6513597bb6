-- The approval period of each project the IRB approved on a pathway with continuing review: when it is due, whether
-- the approval expires then (full board) or only a check-in is due (expedited, exempt), how often it was renewed, and
-- when the project ended. An expiring approval is lapsed from review_due until it is renewed.
create table irb_approval (
    project_key  varchar(40)   primary key,
    title        varchar(300),
    lead         varchar(64),
    pathway      varchar(20)   not null,
    approved_on  date          not null,
    review_due   date          not null,
    expires      boolean       not null,
    renewals     integer       not null,
    renewed_on   date,
    closed_on    date
);
create index ix_irb_approval_due on irb_approval (closed_on, review_due);
