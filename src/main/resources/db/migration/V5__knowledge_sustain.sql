-- How an adopted change held up after adoption: when monitoring began and ended, how it ended (sustained, stopped,
-- new-cycle) and the same in words (for how long, at what level). The portfolio's "still sustained after 12 months"
-- is counted from these columns.
alter table knowledge_record add column sustain varchar(4000);
alter table knowledge_record add column sustain_since date;
alter table knowledge_record add column sustain_ended date;
alter table knowledge_record add column sustain_outcome varchar(20);
