-- Issue 23: cohort lists (the public list of open cohorts, the admin's cohorts) show a page of cohorts soonest first.
-- Walking this index in that order stops after the page instead of sorting every cohort of every provider.
CREATE INDEX IX_Cohorts_Start ON Cohorts (StartDate, Name);
