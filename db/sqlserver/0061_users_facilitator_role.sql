-- Issue 23: whether a person holds a role that may facilitate a session (mentor or provider admin), kept on the person.
-- Every sessions list names each session's facilitator only while they are active and hold such a role; that was a
-- lookup of their roles for every session listed, a fifth of SQLite's work for the admin's sessions page. The flag is
-- derived data, kept by the triggers below whenever a person's roles change (or a role is renamed); the lists test it
-- beside IsActive on the row they read for the name anyway. The triggers set NOCOUNT, and their update names
-- HoldsFacilitatorRole alone, so the triggers on Users (migrations 0045, 0046, 0059) return at once when they nest.
ALTER TABLE Users ADD HoldsFacilitatorRole BIT NOT NULL CONSTRAINT DF_Users_HoldsFacilitatorRole DEFAULT 0;
GO

UPDATE Users SET HoldsFacilitatorRole = 1 WHERE Id IN (
    SELECT ur.UserId FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId WHERE r.NormalizedName IN (N'MENTOR', N'PROVIDERADMIN'));
GO

CREATE TRIGGER TR_UserRoles_FacilitatorRole ON UserRoles AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    UPDATE u SET HoldsFacilitatorRole = CASE WHEN EXISTS (
        SELECT 1 FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId WHERE ur.UserId = u.Id AND r.NormalizedName IN (N'MENTOR', N'PROVIDERADMIN'))
        THEN 1 ELSE 0 END
    FROM Users u
    WHERE u.Id IN (SELECT UserId FROM inserted UNION SELECT UserId FROM deleted);
END;
GO

CREATE TRIGGER TR_Roles_FacilitatorRole ON Roles AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT UPDATE(NormalizedName) RETURN;
    UPDATE u SET HoldsFacilitatorRole = CASE WHEN EXISTS (
        SELECT 1 FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId WHERE ur.UserId = u.Id AND r.NormalizedName IN (N'MENTOR', N'PROVIDERADMIN'))
        THEN 1 ELSE 0 END
    FROM Users u
    WHERE u.Id IN (SELECT ur.UserId FROM UserRoles ur JOIN inserted i ON i.Id = ur.RoleId);
END;
GO
