-- Issue 21 (posting): files attached to threads and replies. The file is in the file store under StoredName (a name
-- the store generates); FileName is the sender's name, cleaned, only ever shown and offered for download.
CREATE TABLE DiscussionAttachments (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    PostId INT NOT NULL REFERENCES DiscussionPosts(Id),
    UploadedByUserId INT NOT NULL REFERENCES Users(Id),
    StoredName NVARCHAR(400) NOT NULL,
    FileName NVARCHAR(400) NOT NULL,
    ContentType NVARCHAR(200) NOT NULL,
    SizeBytes BIGINT NOT NULL,
    UploadedUtc DATETIME2 NOT NULL
);
CREATE INDEX IX_DiscussionAttachments_Post ON DiscussionAttachments (PostId, Id);
-- A person's export and erasure find their files.
CREATE INDEX IX_DiscussionAttachments_Uploader ON DiscussionAttachments (UploadedByUserId);
