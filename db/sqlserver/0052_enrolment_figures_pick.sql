-- Issue 23: the figures job picks the enrolments whose kept figures are absent, claimed, past their moment, not yet
-- counted or counted against another framework text. Every 15 seconds it read every enrolment with its kept row to find
-- them: 10 ms at 10,000 candidates, growing with the provider, though the rows to pick are few. Each kind is now a
-- range of an index holding only what may be picked:
-- * absent or claimed: their sort keys' parts are NULL exactly then (0045: every enrolment has a key row, whose parts
--   the trigger on EnrolmentFigures clears when a kept row goes, and a claim deletes the row), so the key rows with no
--   parts are the ones to compute;
-- * past their moment: the kept rows by ValidUntilUtc;
-- * not yet counted (kept before 0049): the kept rows with no ModulesTotal;
-- * counted against another framework text (0050): the kept rows by FrameworkCoveredOf, whose few distinct values
--   the job reads by seeking past each one.
CREATE INDEX IX_EnrolmentSortKeys_Unstored ON EnrolmentSortKeys (EnrolmentId) WHERE SessionsCounted IS NULL;
CREATE INDEX IX_EnrolmentFigures_ValidUntil ON EnrolmentFigures (ValidUntilUtc) WHERE ValidUntilUtc IS NOT NULL;
CREATE INDEX IX_EnrolmentFigures_Uncounted ON EnrolmentFigures (EnrolmentId) WHERE ModulesTotal IS NULL;
CREATE INDEX IX_EnrolmentFigures_CoveredOf ON EnrolmentFigures (FrameworkCoveredOf);
