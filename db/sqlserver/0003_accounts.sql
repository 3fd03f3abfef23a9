-- Accounts: the audit viewer filters by user (actor or subject) and the admin list searches by name.
CREATE INDEX IX_AuditLog_ActorUserId ON AuditLog (ActorUserId);
CREATE INDEX IX_AuditLog_Subject ON AuditLog (Subject);
CREATE INDEX IX_Users_Provider_DisplayName ON Users (ProviderId, DisplayName);
