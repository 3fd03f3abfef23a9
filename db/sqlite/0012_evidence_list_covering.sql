-- The evidence list shows each item's title. With the title in the list's index, a page of the list is read from the
-- index alone, never from the items: fewer pages per read, which matters most straight after a save, when SQLite has
-- to read every page a query touches afresh.
DROP INDEX IX_EvidenceItems_Candidate_Date;
CREATE INDEX IX_EvidenceItems_Candidate_Date ON EvidenceItems (CandidateUserId, EvidenceDate DESC, Id DESC, IsDraft, Title);
