-- Issue 23: the discussions page finds the cohorts a person facilitates from the person (their own rows), not by
-- testing every cohort; the table's key leads with the cohort, so this index is the person's side of it.
CREATE INDEX IX_CohortFacilitators_User ON CohortFacilitators (UserId, CohortId);
