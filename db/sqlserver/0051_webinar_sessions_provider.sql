-- Issue 23: a provider's sessions found by the provider. The sessions page of a provider admin and its count of
-- sessions to come walked every provider's sessions by start time and looked up each one's cohort and course to test
-- the provider: a cost that grew with the provider's courses and with every other provider's sessions. Each session
-- now names its provider, kept by the triggers below from its cohort's course (derived data: set on insert, and again
-- when a session or its cohort moves), and the provider's sessions are a range of IX_WebinarSessions_Provider_Start in
-- start order. The triggers set NOCOUNT, so the rows a statement reports as changed are still only its own; their
-- update names ProviderId alone, so TR_WebinarSessions_Figures (migration 0034) returns at once when it nests.
ALTER TABLE WebinarSessions ADD ProviderId INT NULL;
GO

UPDATE s SET ProviderId = co.ProviderId
FROM WebinarSessions s
JOIN Cohorts c ON c.Id = s.CohortId
JOIN Courses co ON co.Id = c.CourseId;

CREATE INDEX IX_WebinarSessions_Provider_Start ON WebinarSessions (ProviderId, StartUtc, Id);
GO

CREATE TRIGGER TR_WebinarSessions_Provider ON WebinarSessions AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT UPDATE(CohortId) RETURN;
    UPDATE s SET ProviderId = co.ProviderId
    FROM WebinarSessions s
    JOIN inserted i ON i.Id = s.Id
    JOIN Cohorts c ON c.Id = i.CohortId
    JOIN Courses co ON co.Id = c.CourseId;
END;
GO

CREATE TRIGGER TR_Cohorts_SessionsProvider ON Cohorts AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT UPDATE(CourseId) RETURN;
    UPDATE s SET ProviderId = co.ProviderId
    FROM WebinarSessions s
    JOIN inserted i ON i.Id = s.CohortId
    JOIN Courses co ON co.Id = i.CourseId;
END;
GO
