-- Issue 4: applications, enrolment history, cohort facilitators, venues and face-to-face events.
ALTER TABLE Cohorts ADD COLUMN OpenForApplications INTEGER NOT NULL DEFAULT 1;

CREATE TABLE CohortFacilitators (
    CohortId INTEGER NOT NULL REFERENCES Cohorts(Id),
    UserId INTEGER NOT NULL REFERENCES Users(Id),
    PRIMARY KEY (CohortId, UserId)
);

CREATE TABLE CohortVenues (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    CohortId INTEGER NOT NULL REFERENCES Cohorts(Id),
    Name TEXT NOT NULL
);
CREATE INDEX IX_CohortVenues_Cohort ON CohortVenues (CohortId);

-- Face-to-face days are calendar dates in the cohort's zone: stored as dates, never shifted.
CREATE TABLE CohortEvents (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    CohortId INTEGER NOT NULL REFERENCES Cohorts(Id),
    EventDate TEXT NOT NULL,
    Title TEXT NOT NULL,
    VenueName TEXT NULL
);
CREATE INDEX IX_CohortEvents_Cohort ON CohortEvents (CohortId, EventDate);

CREATE TABLE Applications (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    CohortId INTEGER NOT NULL REFERENCES Cohorts(Id),
    ApplicantUserId INTEGER NOT NULL REFERENCES Users(Id),
    SchoolName TEXT NOT NULL,
    Role TEXT NOT NULL,
    Qualification TEXT NOT NULL,
    QualificationGainedOn TEXT NULL,
    YearsTeachingSince INTEGER NOT NULL,
    FundingRoute TEXT NOT NULL,
    DfeParticipantId TEXT NULL,
    DfeApplicationId TEXT NULL,
    Trn TEXT NULL,
    IsEligible INTEGER NOT NULL,
    EligibilityReason TEXT NULL,
    PriceNetPence INTEGER NOT NULL,
    VatPence INTEGER NOT NULL,
    PriceTotalPence INTEGER NOT NULL,
    Status TEXT NOT NULL DEFAULT 'Pending',
    RejectionReason TEXT NULL,
    SubmittedUtc TEXT NOT NULL,
    DecidedUtc TEXT NULL,
    DecidedByUserId INTEGER NULL REFERENCES Users(Id),
    Version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IX_Applications_Applicant ON Applications (ApplicantUserId);
CREATE INDEX IX_Applications_Cohort ON Applications (CohortId, Status);

-- Append-only: the state of an enrolment after each change, when and by whom.
CREATE TABLE EnrolmentHistory (
    Id INTEGER PRIMARY KEY AUTOINCREMENT,
    EnrolmentId INTEGER NOT NULL REFERENCES Enrolments(Id),
    ChangedUtc TEXT NOT NULL,
    ChangedByUserId INTEGER NULL REFERENCES Users(Id),
    Change TEXT NOT NULL,
    TrainingStatus TEXT NOT NULL,
    StatusReason TEXT NULL,
    CohortId INTEGER NOT NULL REFERENCES Cohorts(Id),
    MentorUserId INTEGER NULL REFERENCES Users(Id)
);
CREATE INDEX IX_EnrolmentHistory_Enrolment ON EnrolmentHistory (EnrolmentId, ChangedUtc);
