-- Issue 23: every page of the completion report asked the final assessment for the released outcomes of its rows
-- (IFinalOutcomeSource): a statement, a connection and the rows read again on each request, about a seventh of the
-- provider's first page. The figures job now asks it once, when it computes a row, and keeps the outcome and completion
-- date beside the figures (EnrolmentFigures, migration 0034); the page reads them with the rest of the kept row, and
-- asks the source only for the rows it computes live. As with the figures and names, a kept row is only a cache: any
-- write to a released script (its release, outcome, completion date, candidate or cohort; a script released or erased)
-- DELETES the rows of that candidate's enrolment in that cohort. The rows kept before this migration hold no outcome:
-- they are deleted here, and the figures job fills them again (the report computes them live meanwhile).
ALTER TABLE EnrolmentFigures ADD COLUMN Outcome TEXT NULL;
ALTER TABLE EnrolmentFigures ADD COLUMN CompletionDate TEXT NULL;
DELETE FROM EnrolmentFigures;

-- The kept row's format: the migration whose columns the job that stored it filled (60: this one). While instances of
-- two builds run side by side (a rolling deploy after the migration), an earlier build's job still stores rows, with no
-- outcome; the page would show those candidates' outcomes as not released until a write took the row away. A row
-- stored in an earlier format (the job's store sets Claim to NULL and leaves Format at 0) is deleted as it is stored, so
-- only the new build's rows are kept, and the report computes the others live meanwhile.
ALTER TABLE EnrolmentFigures ADD COLUMN Format INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER TR_EnrolmentFigures_EarlierFormat AFTER UPDATE OF Claim ON EnrolmentFigures
WHEN NEW.Claim IS NULL AND NEW.Format < 60
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId = NEW.EnrolmentId;
END;

-- Only released scripts are outcomes (the source reads those with a release, an outcome and a date): a script opened,
-- allocated, marked or moderated changes none.
CREATE TRIGGER TR_MarkingScripts_FigureOutcomes_Insert AFTER INSERT ON MarkingScripts
WHEN NEW.ReleasedUtc IS NOT NULL
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = NEW.CandidateUserId AND CohortId = NEW.CohortId);
END;

CREATE TRIGGER TR_MarkingScripts_FigureOutcomes_Delete AFTER DELETE ON MarkingScripts
WHEN OLD.ReleasedUtc IS NOT NULL
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = OLD.CandidateUserId AND CohortId = OLD.CohortId);
END;

CREATE TRIGGER TR_MarkingScripts_FigureOutcomes_Update AFTER UPDATE OF ReleasedUtc, FinalOutcome, CompletionDate, CandidateUserId, CohortId ON MarkingScripts
WHEN (OLD.ReleasedUtc IS NOT NULL OR NEW.ReleasedUtc IS NOT NULL)
 AND (OLD.ReleasedUtc IS NOT NEW.ReleasedUtc OR OLD.FinalOutcome IS NOT NEW.FinalOutcome OR OLD.CompletionDate IS NOT NEW.CompletionDate
      OR OLD.CandidateUserId IS NOT NEW.CandidateUserId OR OLD.CohortId IS NOT NEW.CohortId)
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = OLD.CandidateUserId AND CohortId = OLD.CohortId);
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = NEW.CandidateUserId AND CohortId = NEW.CohortId);
END;
