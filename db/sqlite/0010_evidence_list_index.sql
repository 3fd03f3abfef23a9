-- The evidence list pages a candidate's items newest first: an index in that order reads one page, not every item.
CREATE INDEX IX_EvidenceItems_Candidate_Date ON EvidenceItems (CandidateUserId, EvidenceDate DESC, Id DESC);
