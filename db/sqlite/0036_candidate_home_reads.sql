-- Issue 23: the candidate's home page (and the tasks pages) read a candidate's extensions and a cohort's task dates.
-- Both tables' primary keys lead with TaskId, so each of those reads scanned every row of the table (every extension
-- ever granted, every task of every course): now one seek each.
CREATE INDEX IX_AssessmentTaskExtensions_Candidate ON AssessmentTaskExtensions (CandidateUserId);
CREATE INDEX IX_AssessmentTaskDates_Cohort ON AssessmentTaskDates (CohortId, DueOn);
