-- Indexes that let the completion report read its largest aggregates from indexes alone.

-- Evidence coverage reads each candidate's submitted (not draft) evidence ids: with IsDraft in the key the
-- evidence rows themselves are never read (Id, the clustered key, is in every index). It serves every look-up the
-- candidate-only index served.
DROP INDEX IX_EvidenceItems_Candidate ON EvidenceItems;
CREATE INDEX IX_EvidenceItems_Candidate_Draft ON EvidenceItems (CandidateUserId, IsDraft);

-- ProgressRatings needs nothing here: its primary key (ProgressUpdateId, AreaSlug) is clustered, so summing the
-- ratings per update already reads one index. SQLite's 0009 adds a covering index for that.
