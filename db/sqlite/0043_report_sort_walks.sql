-- Issue 23: the provider's completion report sorted by school, mentor or cohort finds its page by walking these
-- indexes in the sort's order and stopping after the page, instead of sorting every enrolment of the provider.
-- A school's candidates by name (the schools themselves walk UQ (Name, Country)):
DROP INDEX IX_Users_School;
CREATE INDEX IX_Users_School ON Users (SchoolId, DisplayName);
-- A mentor's mentees with what the walk reads of them, so the walk needs no other look-up (and SQLite does not build a
-- temporary index of its own instead):
DROP INDEX IX_Enrolments_Mentor;
CREATE INDEX IX_Enrolments_Mentor ON Enrolments (MentorUserId, CandidateUserId, CohortId, TrainingStatus);
-- The cohorts by name:
CREATE INDEX IX_Cohorts_Name ON Cohorts (Name);
-- A status's enrolments, for the report sorted by status when a status's group is small (deferred, withdrawn): the
-- group's rows are read and sorted rather than every candidate walked.
CREATE INDEX IX_Enrolments_Status ON Enrolments (TrainingStatus);
