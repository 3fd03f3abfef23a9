-- Issue 23: the public list of cohorts open for applications (/cohorts) read every open cohort's row, joined to its
-- course, three times a request: for the time zones the open cohorts keep, for the count, and for the courses offered.
-- Two partial indexes of the open cohorts alone: the zones and the count read the first (the filters' columns
-- included), and the courses' list asks each course for its first open cohort through the second.
CREATE INDEX IX_Cohorts_Open ON Cohorts (TimeZone, EndDate, DeliveryModel, IsInternational, CourseId)
WHERE OpenForApplications = 1;
CREATE INDEX IX_Cohorts_Open_Course ON Cohorts (CourseId, TimeZone, EndDate)
WHERE OpenForApplications = 1;
