-- Saving an evidence item writes every index of the table: one index of a candidate's items now serves both the list
-- (newest first) and the look-ups by draft state (IsDraft carried in the index, so they never read the items).
-- (EvidenceStatements is already stored in its key's order here: its primary key is clustered.)
DROP INDEX IX_EvidenceItems_Candidate_Draft ON EvidenceItems;
DROP INDEX IX_EvidenceItems_Candidate_Date ON EvidenceItems;
CREATE INDEX IX_EvidenceItems_Candidate_Date ON EvidenceItems (CandidateUserId, EvidenceDate DESC, Id DESC) INCLUDE (IsDraft);
