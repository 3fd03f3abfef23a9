-- The evidence list shows each item's title: with it in the list's index, a page of the list is read from the index
-- alone (as on SQLite).
DROP INDEX IX_EvidenceItems_Candidate_Date ON EvidenceItems;
CREATE INDEX IX_EvidenceItems_Candidate_Date ON EvidenceItems (CandidateUserId, EvidenceDate DESC, Id DESC) INCLUDE (IsDraft, Title);
