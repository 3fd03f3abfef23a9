-- Issue 4: applications, enrolment history, cohort facilitators, venues and face-to-face events.
ALTER TABLE Cohorts ADD OpenForApplications BIT NOT NULL CONSTRAINT DF_Cohorts_Open DEFAULT 1;

CREATE TABLE CohortFacilitators (
    CohortId INT NOT NULL REFERENCES Cohorts(Id),
    UserId INT NOT NULL REFERENCES Users(Id),
    CONSTRAINT PK_CohortFacilitators PRIMARY KEY (CohortId, UserId)
);

CREATE TABLE CohortVenues (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    CohortId INT NOT NULL REFERENCES Cohorts(Id),
    Name NVARCHAR(300) NOT NULL
);
CREATE INDEX IX_CohortVenues_Cohort ON CohortVenues (CohortId);

-- Face-to-face days are calendar dates in the cohort's zone: stored as dates, never shifted.
CREATE TABLE CohortEvents (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    CohortId INT NOT NULL REFERENCES Cohorts(Id),
    EventDate DATE NOT NULL,
    Title NVARCHAR(200) NOT NULL,
    VenueName NVARCHAR(300) NULL
);
CREATE INDEX IX_CohortEvents_Cohort ON CohortEvents (CohortId, EventDate);

CREATE TABLE Applications (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    CohortId INT NOT NULL REFERENCES Cohorts(Id),
    ApplicantUserId INT NOT NULL REFERENCES Users(Id),
    SchoolName NVARCHAR(300) NOT NULL,
    Role NVARCHAR(200) NOT NULL,
    Qualification NVARCHAR(32) NOT NULL,
    QualificationGainedOn DATE NULL,
    YearsTeachingSince INT NOT NULL,
    FundingRoute NVARCHAR(16) NOT NULL,
    DfeParticipantId NVARCHAR(64) NULL,
    DfeApplicationId NVARCHAR(64) NULL,
    Trn NVARCHAR(16) NULL,
    IsEligible BIT NOT NULL,
    EligibilityReason NVARCHAR(500) NULL,
    PriceNetPence INT NOT NULL,
    VatPence INT NOT NULL,
    PriceTotalPence INT NOT NULL,
    Status NVARCHAR(16) NOT NULL CONSTRAINT DF_Applications_Status DEFAULT 'Pending',
    RejectionReason NVARCHAR(1000) NULL,
    SubmittedUtc DATETIME2 NOT NULL,
    DecidedUtc DATETIME2 NULL,
    DecidedByUserId INT NULL REFERENCES Users(Id),
    Version INT NOT NULL CONSTRAINT DF_Applications_Version DEFAULT 1
);
CREATE INDEX IX_Applications_Applicant ON Applications (ApplicantUserId);
CREATE INDEX IX_Applications_Cohort ON Applications (CohortId, Status);

-- Append-only: the state of an enrolment after each change, when and by whom.
CREATE TABLE EnrolmentHistory (
    Id INT IDENTITY(1,1) PRIMARY KEY,
    EnrolmentId INT NOT NULL REFERENCES Enrolments(Id),
    ChangedUtc DATETIME2 NOT NULL,
    ChangedByUserId INT NULL REFERENCES Users(Id),
    Change NVARCHAR(32) NOT NULL,
    TrainingStatus NVARCHAR(16) NOT NULL,
    StatusReason NVARCHAR(64) NULL,
    CohortId INT NOT NULL REFERENCES Cohorts(Id),
    MentorUserId INT NULL REFERENCES Users(Id)
);
CREATE INDEX IX_EnrolmentHistory_Enrolment ON EnrolmentHistory (EnrolmentId, ChangedUtc);
