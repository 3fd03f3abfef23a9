using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npq.Core.Files;
using Npq.Core.Time;
using Npq.Core.Validation;

namespace Npq.Core.Portfolio;

/// <summary>What a save of the evidence form did: saved (with the log action it wrote), or refused with the problems to show.</summary>
public sealed record EvidenceWrite(bool Saved, int Id, string? Action, IReadOnlyList<string> StatementIds, IReadOnlyList<FieldProblem> Problems);

public enum AutosaveOutcome
{
    Saved,

    /// <summary>Nothing changed since the last save, so nothing was written.</summary>
    Unchanged,

    /// <summary>The item is recorded, so autosave is off.</summary>
    NotADraft,

    /// <summary>Someone saved the item since this page loaded it.</summary>
    Conflict,
}

/// <summary>What an autosave did, the item's version after it, when, and what to tell the person when it did not save.</summary>
public sealed record EvidenceAutosave(AutosaveOutcome Outcome, int Version, DateTime AtUtc, string? Message = null);

/// <summary>A file as the person's browser sent it.</summary>
public sealed record IncomingFile(string FileName, long Length, Stream Content);

/// <summary>What an upload did: the new file's id, or the reason it was refused.</summary>
public sealed record FileAttach(int? FileId, string? Error);

/// <summary>A current file of an evidence item, with the item it belongs to (whose owner decides who may reach it).</summary>
public sealed record EvidenceAttachment(EvidenceFile File, EvidenceItem Item);

/// <summary>
/// A candidate's evidence: recording and editing items against the rules of <see cref="EvidenceRules"/> (checked
/// against the framework of the candidate's course), autosave of drafts, returning an item to draft, and its files.
/// Every change is written with a line in the item's history. Saves read nothing beyond the framework (remembered
/// per candidate), so a save costs what its writes cost.
/// </summary>
public sealed class EvidenceService(
    IEvidenceRepository evidence,
    CandidateLookup candidates,
    IFileStore files,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<EvidenceService> logger)
{
    public const string RecordedNotEditable = "This evidence is recorded and can no longer be changed. Return it to draft first.";
    public const string EditConflict = "This evidence was changed somewhere else (another tab or device) since you opened it. Your text is below: copy what you need, then reload the page.";
    public const string AutosaveOff = "This evidence is recorded; autosave is off.";
    public const string AutosaveConflict = "This draft was changed somewhere else since you opened it. Copy your text, then reload the page.";

    public Task<EvidenceItem?> GetAsync(int id, CancellationToken cancellationToken) => evidence.GetAsync(id, cancellationToken);

    /// <summary>Today where the candidate's cohort is: the date a new item starts with.</summary>
    public async Task<DateOnly> TodayForAsync(int candidateUserId, CancellationToken cancellationToken) =>
        ZonedTime.Today(time.GetUtcNow().UtcDateTime, CandidateLookup.ZoneOf(await candidates.PlacementAsync(candidateUserId, cancellationToken)));

    /// <summary>
    /// Adds a new item from the form: a draft, or recorded when the input asks and the rules allow. Nothing is
    /// written when <paramref name="formValid"/> is false (the form's own checks failed) or the rules refuse.
    /// </summary>
    public async Task<EvidenceWrite> CreateAsync(int candidateUserId, EvidenceInput input, int actorUserId, bool formValid, CancellationToken cancellationToken)
    {
        var check = EvidenceRules.Check(input, await candidates.FrameworkOfAsync(candidateUserId, cancellationToken));
        if (!formValid || !check.IsValid)
        {
            return new EvidenceWrite(false, 0, null, check.StatementIds, check.Problems);
        }

        var item = EvidenceRules.ToItem(input, check.StatementIds, candidateUserId, 0, !input.Record, time.GetUtcNow().UtcDateTime);
        var id = await evidence.CreateAsync(item, actorUserId, cancellationToken);
        return new EvidenceWrite(true, id, EvidenceActions.Created, check.StatementIds, []);
    }

    /// <summary>
    /// Autosave of a new item: creates a draft of whatever was typed. A draft saved before a date was typed is dated
    /// today where the candidate's cohort is, as the form would be.
    /// </summary>
    public async Task<int> CreateDraftAsync(int candidateUserId, EvidenceInput input, int actorUserId, CancellationToken cancellationToken)
    {
        // The place gives both the framework and the zone.
        var placement = await candidates.PlacementAsync(candidateUserId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var draft = EvidenceRules.AutosaveDefaults(input, candidates.FrameworkFor(placement), ZonedTime.Today(now, CandidateLookup.ZoneOf(placement)));
        return await evidence.CreateAsync(EvidenceRules.ToItem(draft, draft.StatementIds, candidateUserId, 0, true, now), actorUserId, cancellationToken);
    }

    /// <summary>
    /// Adds an item written elsewhere (demo data, an import) as it stands, dated as it says, after the same checks
    /// the form makes of its statements and of recording.
    /// </summary>
    public async Task<int> ImportAsync(EvidenceItem item, int actorUserId, CancellationToken cancellationToken = default)
    {
        var input = new EvidenceInput { Title = item.Title, EvidenceDate = item.EvidenceDate, Reflection = item.Reflection, StatementIds = item.StatementIds, Record = !item.IsDraft };
        var check = EvidenceRules.Check(input, await candidates.FrameworkOfAsync(item.CandidateUserId, cancellationToken));
        if (string.IsNullOrWhiteSpace(item.Title) || item.Title.Length > EvidenceRules.MaxTitle || !check.IsValid)
        {
            throw new ArgumentException($"Evidence \"{item.Title}\" breaks the rules: {string.Join(" ", check.Problems.Select(p => p.Message))}", nameof(item));
        }

        return await evidence.CreateAsync(item with { StatementIds = check.StatementIds }, actorUserId, cancellationToken);
    }

    /// <summary>Saves the form over a draft (keeping it a draft, or recording it), unless someone saved it since <paramref name="expectedVersion"/>.</summary>
    public async Task<EvidenceWrite> UpdateAsync(EvidenceItem item, EvidenceInput input, int expectedVersion, int actorUserId, bool formValid, CancellationToken cancellationToken)
    {
        var framework = await candidates.FrameworkOfAsync(item.CandidateUserId, cancellationToken);
        var problems = new List<FieldProblem>();
        if (!item.IsDraft)
        {
            problems.Add(new(string.Empty, RecordedNotEditable));
        }

        var check = EvidenceRules.Check(input, framework);
        problems.AddRange(check.Problems);
        if (!formValid || problems.Count > 0)
        {
            return new EvidenceWrite(false, item.Id, null, check.StatementIds, problems);
        }

        var updated = EvidenceRules.ToItem(input, check.StatementIds, item.CandidateUserId, item.Id, !input.Record, time.GetUtcNow().UtcDateTime);
        var action = input.Record ? EvidenceActions.Recorded : EvidenceActions.Edited;
        var (outcome, _) = await evidence.UpdateAsync(updated, expectedVersion, actorUserId, action, EvidenceChanges.Describe(item, updated), cancellationToken);
        return outcome == SaveOutcome.Conflict
            ? new EvidenceWrite(false, item.Id, null, check.StatementIds, [new(string.Empty, EditConflict)])
            : new EvidenceWrite(true, item.Id, action, check.StatementIds, []);
    }

    /// <summary>Autosave of a draft: keeps whatever was typed (see <see cref="EvidenceRules.AutosaveDefaults"/>), writing only when something changed.</summary>
    public async Task<EvidenceAutosave> AutosaveAsync(EvidenceItem item, EvidenceInput input, int expectedVersion, int actorUserId, CancellationToken cancellationToken)
    {
        if (!item.IsDraft)
        {
            return new EvidenceAutosave(AutosaveOutcome.NotADraft, item.Version, default, AutosaveOff);
        }

        var framework = await candidates.FrameworkOfAsync(item.CandidateUserId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var draft = EvidenceRules.AutosaveDefaults(input, framework, item.EvidenceDate, item);
        var updated = EvidenceRules.ToItem(draft, draft.StatementIds, item.CandidateUserId, item.Id, true, now);
        var detail = EvidenceChanges.Describe(item, updated);
        if (detail is null)
        {
            return new EvidenceAutosave(AutosaveOutcome.Unchanged, item.Version, now);
        }

        var (outcome, version) = await evidence.UpdateAsync(updated, expectedVersion, actorUserId, EvidenceActions.Autosaved, detail, cancellationToken);
        return outcome == SaveOutcome.Saved
            ? new EvidenceAutosave(AutosaveOutcome.Saved, version, now)
            : new EvidenceAutosave(AutosaveOutcome.Conflict, expectedVersion, now, AutosaveConflict);
    }

    /// <summary>Makes a recorded item a draft again, so it can be edited; null when it already is one.</summary>
    public async Task<SaveOutcome?> ReturnToDraftAsync(EvidenceItem item, int expectedVersion, int actorUserId, CancellationToken cancellationToken)
    {
        if (item.IsDraft)
        {
            return null;
        }

        var (outcome, _) = await evidence.UpdateAsync(item with { IsDraft = true, UpdatedUtc = time.GetUtcNow().UtcDateTime }, expectedVersion, actorUserId, EvidenceActions.ReturnedToDraft, null, cancellationToken);
        return outcome;
    }

    /// <summary>
    /// Attaches a file to the item when it is a kind we accept, no larger than <c>Storage:MaxFileBytes</c>, and its
    /// content matches its name (<see cref="UploadCheck"/>); a larger file is not read at all.
    /// </summary>
    public async Task<FileAttach> AttachAsync(EvidenceItem item, IncomingFile? file, int actorUserId, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return new FileAttach(null, "Choose a file to attach.");
        }

        var maxBytes = storage.Value.MaxFileBytes;
        await using var buffer = new MemoryStream();
        if (file.Length <= maxBytes)
        {
            await file.Content.CopyToAsync(buffer, cancellationToken);
        }

        var (type, problem) = UploadCheck.Check(file.FileName, file.Length, buffer, maxBytes);
        if (type is null)
        {
            logger.LogWarning("Upload to evidence {EvidenceId} refused by {UserId}", item.Id, actorUserId);
            return new FileAttach(null, problem);
        }

        var stored = await files.SaveAsync(buffer, cancellationToken);
        var fileId = await evidence.AddFileAsync(new EvidenceFile
        {
            EvidenceId = item.Id,
            StoredName = stored,
            FileName = EvidenceRules.SafeFileName(file.FileName),
            ContentType = type.ContentType,
            SizeBytes = file.Length,
            UploadedUtc = time.GetUtcNow().UtcDateTime,
            UploadedByUserId = actorUserId,
        }, cancellationToken);
        return new FileAttach(fileId, null);
    }

    /// <summary>A current file and its item, or null when either is gone.</summary>
    public async Task<EvidenceAttachment?> GetFileAsync(int fileId, CancellationToken cancellationToken)
    {
        var file = await evidence.GetFileAsync(fileId, cancellationToken);
        var item = file is null ? null : await evidence.GetAsync(file.EvidenceId, cancellationToken);
        return file is null || item is null ? null : new EvidenceAttachment(file, item);
    }

    /// <summary>The file's content, or null (and an error in the log) when the store has lost it.</summary>
    public async Task<Stream?> OpenAsync(EvidenceAttachment attachment, CancellationToken cancellationToken)
    {
        var stream = await files.OpenReadAsync(attachment.File.StoredName, cancellationToken);
        if (stream is null)
        {
            logger.LogError("Stored file {FileId} of evidence {EvidenceId} is missing from the file store", attachment.File.Id, attachment.Item.Id);
        }

        return stream;
    }

    /// <summary>Takes the file off the item. It stays in the store so the item's history keeps pointing at something real.</summary>
    public Task RemoveFileAsync(EvidenceAttachment attachment, int actorUserId, CancellationToken cancellationToken) =>
        evidence.RemoveFileAsync(attachment.File, actorUserId, time.GetUtcNow().UtcDateTime, cancellationToken);
}
