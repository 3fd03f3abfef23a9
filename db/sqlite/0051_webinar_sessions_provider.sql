-- Issue 23: a provider's sessions found by the provider. The sessions page of a provider admin and its count of
-- sessions to come walked every provider's sessions by start time and looked up each one's cohort and course to test
-- the provider (once per course of the provider, as SQLite planned it): a cost that grew with the provider's courses
-- and with every other provider's sessions. Each session now names its provider, kept by the triggers below from its
-- cohort's course (derived data: set on insert, and again when a session or its cohort moves), and the provider's
-- sessions are a range of IX_WebinarSessions_Provider_Start in start order (the row id last, as the pages sort).
ALTER TABLE WebinarSessions ADD COLUMN ProviderId INTEGER NULL;

UPDATE WebinarSessions SET ProviderId = (
    SELECT co.ProviderId FROM Cohorts c JOIN Courses co ON co.Id = c.CourseId WHERE c.Id = WebinarSessions.CohortId);

CREATE INDEX IX_WebinarSessions_Provider_Start ON WebinarSessions (ProviderId, StartUtc);

CREATE TRIGGER TR_WebinarSessions_Provider_Insert AFTER INSERT ON WebinarSessions
BEGIN
    UPDATE WebinarSessions SET ProviderId = (
        SELECT co.ProviderId FROM Cohorts c JOIN Courses co ON co.Id = c.CourseId WHERE c.Id = NEW.CohortId)
    WHERE Id = NEW.Id;
END;

CREATE TRIGGER TR_WebinarSessions_Provider_Update AFTER UPDATE OF CohortId ON WebinarSessions
WHEN OLD.CohortId IS NOT NEW.CohortId
BEGIN
    UPDATE WebinarSessions SET ProviderId = (
        SELECT co.ProviderId FROM Cohorts c JOIN Courses co ON co.Id = c.CourseId WHERE c.Id = NEW.CohortId)
    WHERE Id = NEW.Id;
END;

CREATE TRIGGER TR_Cohorts_SessionsProvider AFTER UPDATE OF CourseId ON Cohorts
WHEN OLD.CourseId IS NOT NEW.CourseId
BEGIN
    UPDATE WebinarSessions SET ProviderId = (SELECT ProviderId FROM Courses WHERE Id = NEW.CourseId) WHERE CohortId = NEW.Id;
END;
