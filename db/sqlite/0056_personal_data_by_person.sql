-- Issue 23: a person's data, downloaded from their data page (and read again when an administrator erases it), was
-- found in these tables by reading each whole: the mail sent (every mail the site ever queued), attendance marks,
-- reminders, feedback written, discussion threads, helpful marks, reports and study-group places. Each is now found by
-- the person. PersonalDataExportPlanTests keeps every statement of the export reading by the person.
CREATE INDEX IX_MailOutbox_Recipient ON MailOutbox (RecipientUserId) WHERE RecipientUserId IS NOT NULL;
CREATE INDEX IX_MailOutbox_ToAddress ON MailOutbox (ToAddress);
CREATE INDEX IX_AttendanceMarks_User ON AttendanceMarks (UserId);
CREATE INDEX IX_WebinarReminders_User ON WebinarReminders (UserId);
CREATE INDEX IX_FeedbackComments_Author ON FeedbackComments (AuthorUserId);
CREATE INDEX IX_DiscussionThreads_Author ON DiscussionThreads (AuthorUserId);
CREATE INDEX IX_DiscussionHelpfulMarks_User ON DiscussionHelpfulMarks (UserId);
CREATE INDEX IX_DiscussionReports_Reporter ON DiscussionReports (ReporterUserId);
CREATE INDEX IX_StudyGroupMembers_User ON StudyGroupMembers (UserId);
CREATE INDEX IX_MaterialEditors_User ON MaterialEditors (UserId);
