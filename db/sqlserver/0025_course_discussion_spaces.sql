-- Issue 21: the opt-in course-wide discussion space across a course's cohorts. One row per course once an admin has
-- switched it; a course without a row is off. ChangedByUserId / ChangedUtc: the last switch (the audit log has them all).
CREATE TABLE CourseDiscussionSpaces (
    CourseId INT NOT NULL PRIMARY KEY REFERENCES Courses(Id),
    Enabled BIT NOT NULL DEFAULT 0,
    ChangedByUserId INT NOT NULL REFERENCES Users(Id),
    ChangedUtc DATETIME2 NOT NULL
);
