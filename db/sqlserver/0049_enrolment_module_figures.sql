-- Issue 23: a mentor's and a headteacher's home show each candidate's materials as items and whole modules completed,
-- and counted them live on every visit from every progress row of every candidate listed (a sixth of the mentor's
-- home). The modules are now kept beside the items in EnrolmentFigures, filled by the figures job with the same count
-- as the homes' live one. NULL until the job has counted them: the homes then count live, and the job picks the row
-- again. The triggers of 0034 already delete a row on every change to the materials, their progress or the enrolment.
ALTER TABLE EnrolmentFigures ADD ModulesCompleted INT NULL, ModulesTotal INT NULL;
