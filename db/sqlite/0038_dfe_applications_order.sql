-- Issue 23: the DfE page shows the applications DfE holds a page at a time, latest change first; this index is that
-- order, so a page is read from it rather than every application of the provider being sorted.
CREATE INDEX IX_DfeApplications_Updated ON DfeApplications (ProviderId, UpdatedAt DESC, DfeApplicationId);
