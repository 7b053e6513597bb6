-- Which evidence a cycle's plan rested on, as the lead ticked it in the appraisal form (audit trail).
alter table knowledge_record add column evidence_used varchar(4000);
