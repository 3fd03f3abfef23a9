-- The people holding a role (a provider's admins, who read every discussion space of its cohorts) found through the
-- role, instead of by testing every user of the provider.
CREATE INDEX IX_UserRoles_Role ON UserRoles(RoleId, UserId);
