-- Indexes that let the completion report read its largest aggregates from indexes alone.

-- Evidence coverage reads each candidate's submitted (not draft) evidence ids: with IsDraft in the key the
-- evidence rows themselves are never read. It serves every look-up the candidate-only index served.
DROP INDEX IX_EvidenceItems_Candidate;
CREATE INDEX IX_EvidenceItems_Candidate_Draft ON EvidenceItems (CandidateUserId, IsDraft);

-- Progress ratings are summed per update: with the rating in the key, 200,000 table look-ups become an index scan.
-- (On SQL Server the primary key is clustered and holds the rating already.)
CREATE INDEX IX_ProgressRatings_Update_Rating ON ProgressRatings (ProgressUpdateId, Rating);
