-- Issue 23: a page of the completion report read each row's names from six tables (the candidate, their school, the
-- cohort and its DfE cohort, the delivery partner, the mentor) and the DfE ids from the latest accepted application:
-- about a dozen lookups a row, a fifth of the provider's report at 10,000 candidates. The figures job now keeps them
-- beside the figures (EnrolmentFigures, migration 0034), and the page reads them from there. As with the figures, a
-- kept row is only a cache: every write that changes a name the row keeps DELETES it (the triggers below, which compare
-- the values, exactly, since a store that writes every column of a person on each sign-in changes no name), and the report
-- computes a row it does not find live. The rows kept before this migration hold no names: they are deleted here, and
-- the figures job fills them again (the report computes them live meanwhile).
ALTER TABLE EnrolmentFigures ADD CandidateName NVARCHAR(200) NULL, SchoolName NVARCHAR(200) NULL,
    DfeParticipantId NVARCHAR(64) NULL, DfeApplicationId NVARCHAR(64) NULL, CohortName NVARCHAR(200) NULL,
    DfeCohort NVARCHAR(16) NULL, DeliveryPartnerName NVARCHAR(200) NULL, MentorName NVARCHAR(200) NULL;
GO

DELETE FROM EnrolmentFigures;
GO

-- A person's name (as a candidate or a mentor) or a candidate's school.
CREATE TRIGGER TR_Users_FigureNames ON Users AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT (UPDATE(DisplayName) OR UPDATE(SchoolId)) RETURN;
    -- The people whose name or school changed (none when a store writes a person's columns again unchanged), then
    -- the enrolments they are the candidate or the mentor of, each through its own index.
    DECLARE @changed TABLE (Id INT PRIMARY KEY);
    INSERT INTO @changed (Id)
    SELECT i.Id FROM inserted i JOIN deleted d ON d.Id = i.Id
    WHERE i.DisplayName COLLATE Latin1_General_BIN2 <> d.DisplayName COLLATE Latin1_General_BIN2 OR ISNULL(i.SchoolId, -1) <> ISNULL(d.SchoolId, -1);
    IF NOT EXISTS (SELECT 1 FROM @changed) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (
        SELECT e.Id FROM Enrolments e JOIN @changed c ON e.CandidateUserId = c.Id
        UNION SELECT e.Id FROM Enrolments e JOIN @changed c ON e.MentorUserId = c.Id);
END;
GO

-- A school's name.
CREATE TRIGGER TR_Schools_FigureNames ON Schools AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT UPDATE(Name) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (
        SELECT e.Id FROM inserted i JOIN deleted d ON d.Id = i.Id JOIN Users u ON u.SchoolId = i.Id JOIN Enrolments e ON e.CandidateUserId = u.Id
        WHERE i.Name COLLATE Latin1_General_BIN2 <> d.Name COLLATE Latin1_General_BIN2);
END;
GO

-- A cohort's name, DfE cohort (start year and suffix) or delivery partner.
CREATE TRIGGER TR_Cohorts_FigureNames ON Cohorts AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT (UPDATE(Name) OR UPDATE(StartYear) OR UPDATE(Suffix) OR UPDATE(DeliveryPartnerId)) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (
        SELECT e.Id FROM inserted i JOIN deleted d ON d.Id = i.Id JOIN Enrolments e ON e.CohortId = i.Id
        WHERE i.Name COLLATE Latin1_General_BIN2 <> d.Name COLLATE Latin1_General_BIN2 OR i.StartYear <> d.StartYear OR i.Suffix COLLATE Latin1_General_BIN2 <> d.Suffix COLLATE Latin1_General_BIN2
           OR ISNULL(i.DeliveryPartnerId, -1) <> ISNULL(d.DeliveryPartnerId, -1));
END;
GO

-- A delivery partner's name.
CREATE TRIGGER TR_DeliveryPartners_FigureNames ON DeliveryPartners AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT UPDATE(Name) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (
        SELECT e.Id FROM inserted i JOIN deleted d ON d.Id = i.Id JOIN Cohorts ch ON ch.DeliveryPartnerId = i.Id JOIN Enrolments e ON e.CohortId = ch.Id
        WHERE i.Name COLLATE Latin1_General_BIN2 <> d.Name COLLATE Latin1_General_BIN2);
END;
GO

-- An enrolment's mentor.
CREATE TRIGGER TR_Enrolments_FigureNames ON Enrolments AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT UPDATE(MentorUserId) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (
        SELECT i.Id FROM inserted i JOIN deleted d ON d.Id = i.Id
        WHERE ISNULL(i.MentorUserId, -1) <> ISNULL(d.MentorUserId, -1));
END;
GO

-- The DfE ids: the candidate's latest accepted application to the cohort.
CREATE TRIGGER TR_Applications_FigureNames ON Applications AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND NOT (UPDATE(Status) OR UPDATE(DfeParticipantId) OR UPDATE(DfeApplicationId) OR UPDATE(ApplicantUserId) OR UPDATE(CohortId)) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (
        SELECT e.Id FROM Enrolments e
        JOIN (SELECT ApplicantUserId, CohortId FROM inserted WHERE Status = N'Accepted'
              UNION SELECT ApplicantUserId, CohortId FROM deleted WHERE Status = N'Accepted') a
          ON e.CandidateUserId = a.ApplicantUserId AND e.CohortId = a.CohortId);
END;
GO
