-- Issue 23: every page of the completion report asked the final assessment for the released outcomes of its rows
-- (IFinalOutcomeSource): a statement, a connection and the rows read again on each request, about a seventh of the
-- provider's first page. The figures job now asks it once, when it computes a row, and keeps the outcome and completion
-- date beside the figures (EnrolmentFigures, migration 0034); the page reads them with the rest of the kept row, and
-- asks the source only for the rows it computes live. As with the figures and names, a kept row is only a cache: any
-- write to a released script (its release, outcome, completion date, candidate or cohort; a script released or erased)
-- DELETES the rows of that candidate's enrolment in that cohort. The rows kept before this migration hold no outcome:
-- they are deleted here, and the figures job fills them again (the report computes them live meanwhile).
ALTER TABLE EnrolmentFigures ADD Outcome NVARCHAR(16) NULL, CompletionDate DATE NULL;
GO

DELETE FROM EnrolmentFigures;
GO

-- The kept row's format: the migration whose columns the job that stored it filled (60: this one). While instances of
-- two builds run side by side (a rolling deploy after the migration), an earlier build's job still stores rows, with no
-- outcome; the page would show those candidates' outcomes as not released until a write took the row away. A row
-- stored in an earlier format (the job's store sets Claim to NULL and leaves Format at 0) is deleted as it is stored, so
-- only the new build's rows are kept, and the report computes the others live meanwhile.
ALTER TABLE EnrolmentFigures ADD Format INT NOT NULL CONSTRAINT DF_EnrolmentFigures_Format DEFAULT 0;
GO

CREATE TRIGGER TR_EnrolmentFigures_EarlierFormat ON EnrolmentFigures AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT UPDATE(Claim) RETURN;
    DELETE f FROM EnrolmentFigures f JOIN inserted i ON i.EnrolmentId = f.EnrolmentId
    WHERE i.Claim IS NULL AND i.Format < 60;
END;
GO

-- Only released scripts are outcomes (the source reads those with a release, an outcome and a date): a script opened,
-- allocated, marked or moderated changes none. A statement that wrote none of the columns an outcome is made of is let
-- through at once.
CREATE TRIGGER TR_MarkingScripts_FigureOutcomes ON MarkingScripts AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
       AND NOT (UPDATE(ReleasedUtc) OR UPDATE(FinalOutcome) OR UPDATE(CompletionDate) OR UPDATE(CandidateUserId) OR UPDATE(CohortId)) RETURN;
    DELETE FROM EnrolmentFigures WITH (HOLDLOCK)
    WHERE EnrolmentId IN (
        SELECT e.Id FROM Enrolments e
        JOIN (SELECT CandidateUserId, CohortId FROM inserted WHERE ReleasedUtc IS NOT NULL
              UNION SELECT CandidateUserId, CohortId FROM deleted WHERE ReleasedUtc IS NOT NULL) s
          ON e.CandidateUserId = s.CandidateUserId AND e.CohortId = s.CohortId);
END;
GO
