-- Issue 21: the posting rate limit's window per person: when their current minute opened and how many posts (and
-- refused attempts) it holds. One statement moves it on each post, so the check costs the same whatever the limit or
-- however much the person has posted before (it used to count their posts of the last minute).
CREATE TABLE PostingWindows (
    UserId INTEGER NOT NULL PRIMARY KEY,
    WindowStartUtc TEXT NOT NULL,
    Posts INTEGER NOT NULL
);
