-- Issue 23: erasing a person replaced the text of every discussion email that quotes their posts, and found those
-- emails by reading the text of every discussion email the site ever queued, inside the erasure's write. Each
-- discussion email now records the posts it quotes, so erasure finds the emails through the person's posts.
CREATE TABLE MailOutboxPosts (
    MailId INT NOT NULL REFERENCES MailOutbox(Id),
    PostId INT NOT NULL,
    CONSTRAINT PK_MailOutboxPosts PRIMARY KEY (MailId, PostId)
);
CREATE INDEX IX_MailOutboxPosts_Post ON MailOutboxPosts (PostId);

-- backfill: the emails queued before this script name each post they quote in its link ("#post-{id}").
WITH cut (MailId, Rest, Depth) AS (
    SELECT Id, CAST(TextBody AS NVARCHAR(MAX)), 0 FROM MailOutbox
    WHERE (Subject LIKE 'New post in %' OR Subject LIKE '% in discussions you follow') AND CHARINDEX('#post-', TextBody) > 0
    UNION ALL
    SELECT MailId, SUBSTRING(Rest, CHARINDEX('#post-', Rest) + 6, LEN(Rest)), Depth + 1 FROM cut WHERE CHARINDEX('#post-', Rest) > 0
)
INSERT INTO MailOutboxPosts (MailId, PostId)
SELECT DISTINCT c.MailId, p.Id
FROM cut c
JOIN DiscussionPosts p ON p.Id = TRY_CAST(LEFT(c.Rest, PATINDEX('%[^0-9]%', c.Rest + N'x') - 1) AS INT)
WHERE c.Depth > 0
OPTION (MAXRECURSION 0);
