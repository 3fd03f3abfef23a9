-- Issue 23: deleting a row makes the database look for rows that still refer to it, through each foreign key into its
-- table. These five keys into tables the site deletes from led no index, so each row deleted read the whole referring
-- table: erasing a candidate's evidence read every candidate's materials progress once per item, deleting a material
-- item every knowledge-check attempt, deleting a module or a study group every module release and discussion topic.
-- ForeignKeyIndexTests keeps every such key indexed (on SQLite's schema; these are the same indexes). The keys that are
-- mostly empty are indexed where they are set (a look for a value is a look for a non-empty one).
CREATE INDEX IX_MaterialProgress_Evidence ON MaterialProgress (EvidenceId) WHERE EvidenceId IS NOT NULL;
CREATE INDEX IX_KnowledgeCheckAttempts_Item ON KnowledgeCheckAttempts (ItemId);
CREATE INDEX IX_MaterialModuleReleases_Module ON MaterialModuleReleases (ModuleId);
CREATE INDEX IX_DiscussionTopics_StudyGroup ON DiscussionTopics (StudyGroupId) WHERE StudyGroupId IS NOT NULL;
CREATE INDEX IX_DiscussionTopics_Module ON DiscussionTopics (ModuleId) WHERE ModuleId IS NOT NULL;
