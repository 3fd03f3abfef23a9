-- Issue 23: the admin's pages read only what they show.
-- The audit log's provider is kept on each entry, as it was when written: the entry's actor's provider, or, when nobody
-- signed in did it, the provider of the person it is about (subject 'user:{id}'). The admin's page then reads its own
-- provider's entries through an index instead of matching every entry against every person of the provider. Existing
-- entries get the provider they would have been written with (the log is otherwise never updated).
ALTER TABLE AuditLog ADD ProviderId INT NULL;
GO
UPDATE AuditLog SET ProviderId = CASE
    WHEN ActorUserId IS NOT NULL THEN (SELECT u.ProviderId FROM Users u WHERE u.Id = AuditLog.ActorUserId)
    WHEN Subject LIKE 'user:%' THEN (SELECT u.ProviderId FROM Users u
                                 WHERE u.Id = TRY_CAST(SUBSTRING(AuditLog.Subject, 6, 20) AS INT) AND CONCAT('user:', u.Id) = AuditLog.Subject)
END;
CREATE INDEX IX_AuditLog_Provider ON AuditLog (ProviderId, Id);
-- A task's and an evidence item's feedback thread are read by their own id (they were read by scanning every comment).
CREATE INDEX IX_FeedbackComments_Submission ON FeedbackComments (SubmissionId);
CREATE INDEX IX_FeedbackComments_Evidence ON FeedbackComments (EvidenceId);
-- A cohort's places taken (every cohort summary: lists, the cohort's page, the cohorts an enrolment may resume in) are
-- counted from this index alone instead of reading each enrolment's row.
CREATE INDEX IX_Enrolments_Cohort_Status ON Enrolments (CohortId, TrainingStatus);
