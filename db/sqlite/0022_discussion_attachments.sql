-- Issue 21 (posting): files attached to threads and replies. The file is in the file store under StoredName (a name
-- the store generates); FileName is the sender's name, cleaned, only ever shown and offered for download.
CREATE TABLE DiscussionAttachments (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    PostId INTEGER NOT NULL REFERENCES DiscussionPosts(Id),
    UploadedByUserId INTEGER NOT NULL REFERENCES Users(Id),
    StoredName TEXT NOT NULL,
    FileName TEXT NOT NULL,
    ContentType TEXT NOT NULL,
    SizeBytes INTEGER NOT NULL,
    UploadedUtc TEXT NOT NULL
);
CREATE INDEX IX_DiscussionAttachments_Post ON DiscussionAttachments (PostId, Id);
-- A person's export and erasure find their files.
CREATE INDEX IX_DiscussionAttachments_Uploader ON DiscussionAttachments (UploadedByUserId);
