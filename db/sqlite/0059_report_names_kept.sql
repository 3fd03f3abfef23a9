-- Issue 23: a page of the completion report read each row's names from six tables (the candidate, their school, the
-- cohort and its DfE cohort, the delivery partner, the mentor) and the DfE ids from the latest accepted application:
-- about a dozen lookups a row, a fifth of the provider's report at 10,000 candidates. The figures job now keeps them
-- beside the figures (EnrolmentFigures, migration 0034), and the page reads them from there. As with the figures, a
-- kept row is only a cache: every write that changes a name the row keeps DELETES it (the triggers below), and the
-- report computes a row it does not find live. The rows kept before this migration hold no names: they are deleted
-- here, and the figures job fills them again (the report computes them live meanwhile).
ALTER TABLE EnrolmentFigures ADD COLUMN CandidateName TEXT NULL;
ALTER TABLE EnrolmentFigures ADD COLUMN SchoolName TEXT NULL;
ALTER TABLE EnrolmentFigures ADD COLUMN DfeParticipantId TEXT NULL;
ALTER TABLE EnrolmentFigures ADD COLUMN DfeApplicationId TEXT NULL;
ALTER TABLE EnrolmentFigures ADD COLUMN CohortName TEXT NULL;
ALTER TABLE EnrolmentFigures ADD COLUMN DfeCohort TEXT NULL;
ALTER TABLE EnrolmentFigures ADD COLUMN DeliveryPartnerName TEXT NULL;
ALTER TABLE EnrolmentFigures ADD COLUMN MentorName TEXT NULL;
DELETE FROM EnrolmentFigures;

-- A person's name (as a candidate or a mentor) or a candidate's school.
CREATE TRIGGER TR_Users_FigureNames_Update AFTER UPDATE OF DisplayName, SchoolId ON Users
WHEN OLD.DisplayName IS NOT NEW.DisplayName OR OLD.SchoolId IS NOT NEW.SchoolId
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = NEW.Id);
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE MentorUserId = NEW.Id);
END;

-- A school's name.
CREATE TRIGGER TR_Schools_FigureNames_Update AFTER UPDATE OF Name ON Schools
WHEN OLD.Name IS NOT NEW.Name
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT e.Id FROM Users u JOIN Enrolments e ON e.CandidateUserId = u.Id WHERE u.SchoolId = NEW.Id);
END;

-- A cohort's name, DfE cohort (start year and suffix) or delivery partner.
CREATE TRIGGER TR_Cohorts_FigureNames_Update AFTER UPDATE OF Name, StartYear, Suffix, DeliveryPartnerId ON Cohorts
WHEN OLD.Name IS NOT NEW.Name OR OLD.StartYear IS NOT NEW.StartYear OR OLD.Suffix IS NOT NEW.Suffix OR OLD.DeliveryPartnerId IS NOT NEW.DeliveryPartnerId
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CohortId = NEW.Id);
END;

-- A delivery partner's name.
CREATE TRIGGER TR_DeliveryPartners_FigureNames_Update AFTER UPDATE OF Name ON DeliveryPartners
WHEN OLD.Name IS NOT NEW.Name
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT e.Id FROM Cohorts ch JOIN Enrolments e ON e.CohortId = ch.Id WHERE ch.DeliveryPartnerId = NEW.Id);
END;

-- An enrolment's mentor.
CREATE TRIGGER TR_Enrolments_FigureNames_Update AFTER UPDATE OF MentorUserId ON Enrolments
WHEN OLD.MentorUserId IS NOT NEW.MentorUserId
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId = NEW.Id;
END;

-- The DfE ids: the candidate's latest accepted application to the cohort.
CREATE TRIGGER TR_Applications_FigureNames_Insert AFTER INSERT ON Applications
WHEN NEW.Status = 'Accepted'
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = NEW.ApplicantUserId AND CohortId = NEW.CohortId);
END;

CREATE TRIGGER TR_Applications_FigureNames_Delete AFTER DELETE ON Applications
WHEN OLD.Status = 'Accepted'
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = OLD.ApplicantUserId AND CohortId = OLD.CohortId);
END;

CREATE TRIGGER TR_Applications_FigureNames_Update AFTER UPDATE OF Status, DfeParticipantId, DfeApplicationId, ApplicantUserId, CohortId ON Applications
WHEN (OLD.Status = 'Accepted' OR NEW.Status = 'Accepted')
 AND (OLD.Status IS NOT NEW.Status OR OLD.DfeParticipantId IS NOT NEW.DfeParticipantId OR OLD.DfeApplicationId IS NOT NEW.DfeApplicationId
      OR OLD.ApplicantUserId IS NOT NEW.ApplicantUserId OR OLD.CohortId IS NOT NEW.CohortId)
BEGIN
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = OLD.ApplicantUserId AND CohortId = OLD.CohortId);
    DELETE FROM EnrolmentFigures WHERE EnrolmentId IN (SELECT Id FROM Enrolments WHERE CandidateUserId = NEW.ApplicantUserId AND CohortId = NEW.CohortId);
END;
