-- Patients and families in the record: the partners' view of the plan, the lead's answers to their concerns and their
-- word on the results. And what the public learning page (/learning) shows of a finished project its manager shared:
-- the summary and the result in plain words, never names, comments or IRB text.
alter table knowledge_record add column partners varchar(16000);
alter table knowledge_record add column plain_summary varchar(4000);
alter table knowledge_record add column plain_result varchar(4000);
alter table knowledge_record add column shared_publicly boolean not null default false;
alter table knowledge_record add column shared_at timestamp;
create index ix_knowledge_shared on knowledge_record (shared_publicly, shared_at);
