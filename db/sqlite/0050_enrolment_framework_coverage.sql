-- Issue 23: a headteacher's home shows each candidate's statements covered of their course's framework, counted live
-- on every visit from every link of every candidate listed (the largest statement of the page). The count is now kept
-- in EnrolmentFigures beside the other figures, filled by the figures job with the home's own count, and marked with
-- the framework it was counted against (its code and a digest of its statement ids, FrameworkCoveredOf): a kept count
-- is read only for that framework as loaded now, so a new framework text is counted again. NULL until the job has
-- counted it (the home then counts live); '' when no framework was loaded. The triggers of 0034 already delete a row
-- on every change to a candidate's evidence and its links.
ALTER TABLE EnrolmentFigures ADD COLUMN FrameworkCovered INTEGER NULL;
ALTER TABLE EnrolmentFigures ADD COLUMN FrameworkCoveredOf TEXT NULL;
