-- Issue 23: a cohort's declarations page reads its page's lines, but choosing the page and counting the cohort read
-- every candidate of the cohort; these indexes let both read small index entries instead of whole rows.
-- A cohort's accepted applications by applicant, newest last, with the DfE participant id: "the latest accepted
-- application" of each enrolment and whether it has an id, read from the index alone (it replaces (CohortId, Status),
-- a prefix of it).
DROP INDEX IX_Applications_Cohort ON Applications;
CREATE INDEX IX_Applications_Cohort ON Applications (CohortId, Status, ApplicantUserId, Id) INCLUDE (DfeParticipantId);
-- Each person's name by id: the cohort's candidates sorted by name to choose a page.
CREATE INDEX IX_Users_Id_DisplayName ON Users (Id) INCLUDE (DisplayName);
-- A candidate's first non-draft evidence since a date: one step into the index instead of every item's row.
CREATE INDEX IX_EvidenceItems_Candidate_Created ON EvidenceItems (CandidateUserId, IsDraft, CreatedUtc);
