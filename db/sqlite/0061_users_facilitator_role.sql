-- Issue 23: whether a person holds a role that may facilitate a session (mentor or provider admin), kept on the person.
-- Every sessions list names each session's facilitator only while they are active and hold such a role; that was a
-- lookup of their roles for every session listed, a fifth of SQLite's work for the admin's sessions page. The flag is
-- derived data, kept by the triggers below whenever a person's roles change (or a role is renamed); the lists test it
-- beside IsActive on the row they read for the name anyway.
ALTER TABLE Users ADD COLUMN HoldsFacilitatorRole INTEGER NOT NULL DEFAULT 0;

UPDATE Users SET HoldsFacilitatorRole = 1 WHERE Id IN (
    SELECT ur.UserId FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId WHERE r.NormalizedName IN ('MENTOR', 'PROVIDERADMIN'));

CREATE TRIGGER TR_UserRoles_FacilitatorRole_Insert AFTER INSERT ON UserRoles
BEGIN
    UPDATE Users SET HoldsFacilitatorRole = EXISTS (
        SELECT 1 FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId WHERE ur.UserId = NEW.UserId AND r.NormalizedName IN ('MENTOR', 'PROVIDERADMIN'))
    WHERE Id = NEW.UserId;
END;

CREATE TRIGGER TR_UserRoles_FacilitatorRole_Delete AFTER DELETE ON UserRoles
BEGIN
    UPDATE Users SET HoldsFacilitatorRole = EXISTS (
        SELECT 1 FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId WHERE ur.UserId = OLD.UserId AND r.NormalizedName IN ('MENTOR', 'PROVIDERADMIN'))
    WHERE Id = OLD.UserId;
END;

CREATE TRIGGER TR_UserRoles_FacilitatorRole_Update AFTER UPDATE ON UserRoles
BEGIN
    UPDATE Users SET HoldsFacilitatorRole = EXISTS (
        SELECT 1 FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId WHERE ur.UserId = Users.Id AND r.NormalizedName IN ('MENTOR', 'PROVIDERADMIN'))
    WHERE Id IN (OLD.UserId, NEW.UserId);
END;

CREATE TRIGGER TR_Roles_FacilitatorRole AFTER UPDATE OF NormalizedName ON Roles
WHEN OLD.NormalizedName IS NOT NEW.NormalizedName
BEGIN
    UPDATE Users SET HoldsFacilitatorRole = EXISTS (
        SELECT 1 FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId WHERE ur.UserId = Users.Id AND r.NormalizedName IN ('MENTOR', 'PROVIDERADMIN'))
    WHERE Id IN (SELECT UserId FROM UserRoles WHERE RoleId = NEW.Id);
END;
