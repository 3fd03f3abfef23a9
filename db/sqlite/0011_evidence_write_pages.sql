-- Saving an evidence item writes every index of the tables it touches: fewer indexes, fewer pages per save.

-- Statement links are looked up only by their key: stored in the key's order (WITHOUT ROWID), a link is one b-tree
-- entry instead of a row plus a copy of it in the key's index.
CREATE TABLE EvidenceStatements_New (
    EvidenceId INTEGER NOT NULL REFERENCES EvidenceItems(Id),
    StatementId TEXT NOT NULL,
    PRIMARY KEY (EvidenceId, StatementId)
) WITHOUT ROWID;
INSERT INTO EvidenceStatements_New (EvidenceId, StatementId) SELECT EvidenceId, StatementId FROM EvidenceStatements;
DROP TABLE EvidenceStatements;
ALTER TABLE EvidenceStatements_New RENAME TO EvidenceStatements;

-- One index of a candidate's items serves both the list (newest first) and the look-ups by draft state (IsDraft at
-- the end of the key, so they still never read the items themselves).
DROP INDEX IX_EvidenceItems_Candidate_Draft;
DROP INDEX IX_EvidenceItems_Candidate_Date;
CREATE INDEX IX_EvidenceItems_Candidate_Date ON EvidenceItems (CandidateUserId, EvidenceDate DESC, Id DESC, IsDraft);
