-- Issue 23: erasing a person replaced the text of every discussion email that quotes their posts, and found those
-- emails by reading the text of every discussion email the site ever queued, inside the erasure's write. Each
-- discussion email now records the posts it quotes, so erasure finds the emails through the person's posts.
CREATE TABLE MailOutboxPosts (
    MailId INTEGER NOT NULL REFERENCES MailOutbox(Id),
    PostId INTEGER NOT NULL,
    PRIMARY KEY (MailId, PostId)
) WITHOUT ROWID;
CREATE INDEX IX_MailOutboxPosts_Post ON MailOutboxPosts (PostId);

-- backfill: the emails queued before this script name each post they quote in its link ("#post-{id}").
WITH RECURSIVE cut (MailId, Rest, Depth) AS (
    SELECT Id, TextBody, 0 FROM MailOutbox
    WHERE (Subject LIKE 'New post in %' OR Subject LIKE '% in discussions you follow') AND instr(TextBody, '#post-') > 0
    UNION ALL
    SELECT MailId, substr(Rest, instr(Rest, '#post-') + 6), Depth + 1 FROM cut WHERE instr(Rest, '#post-') > 0
)
INSERT OR IGNORE INTO MailOutboxPosts (MailId, PostId)
SELECT c.MailId, p.Id FROM cut c JOIN DiscussionPosts p ON p.Id = CAST(c.Rest AS INTEGER) WHERE c.Depth > 0;
