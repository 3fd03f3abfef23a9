-- Issue 23: the provider's list of cohorts by course, then soonest first (the cohort dashboards' index) sorted every
-- cohort of the provider to show a page. These two indexes give that order directly: the provider's courses by name
-- (then id), and each course's cohorts by start date and name (then id); a page is walked and the walk stops after it.
CREATE INDEX IX_Courses_Provider_Name ON Courses (ProviderId, Name, Id);
CREATE INDEX IX_Cohorts_Course_Start ON Cohorts (CourseId, StartDate, Name, Id);
