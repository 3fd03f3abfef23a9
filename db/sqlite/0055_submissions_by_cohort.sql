-- Issue 23: a final-assessment hand-in opens scripts for the cohort's submitted final attempts that have none. Those
-- were found by reading every submission of the site (no index led with the cohort: 32,000 rows, 16 ms at 10,000
-- candidates, on every hand-in). The cohort's submissions of each task are now a range.
CREATE INDEX IX_Submissions_Cohort_Task ON Submissions (CohortId, TaskId);
