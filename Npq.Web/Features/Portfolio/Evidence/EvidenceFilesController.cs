using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Portfolio;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Authorization;
using Serilog;

namespace Npq.Web.Features.Portfolio.Evidence;

/// <summary>The files attached to a candidate's evidence: attaching, downloading and removing them.</summary>
[Route("evidence")]
public sealed class EvidenceFilesController(PortfolioAccess portfolio, EvidenceService evidence, IDiagnosticContext requestLine) : Controller
{
    [HttpPost("{id:int}/files")]
    [RequestFormLimits(MultipartBodyLengthLimit = 1024L * 1024 * 1024)]
    public async Task<IActionResult> Upload(int id, IFormFile? file, CancellationToken cancellationToken)
    {
        var item = await evidence.GetAsync(id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        if (!await portfolio.MayAsync(User, item.CandidateUserId, Operations.Edit))
        {
            return Forbid();
        }

        await using var content = file?.OpenReadStream();
        var incoming = file is null ? null : new IncomingFile(file.FileName, file.Length, content!);
        var attached = await evidence.AttachAsync(item, incoming, User.GetUserId(), cancellationToken);
        if (attached.FileId is { } fileId)
        {
            requestLine.SetEvidence(EvidenceActions.FileAdded, id, item.CandidateUserId);
            requestLine.Set("FileId", fileId);
            TempData["Message"] = "File attached.";
        }
        else
        {
            TempData["UploadError"] = attached.Error;
        }

        return Redirect(ShowUrl(id));
    }

    [HttpGet("files/{fileId:int}")]
    public async Task<IActionResult> Download(int fileId, CancellationToken cancellationToken)
    {
        var (attachment, refusal) = await ReachAsync(fileId, Operations.Read, cancellationToken);
        if (attachment is null)
        {
            return refusal!;
        }

        var stream = await evidence.OpenAsync(attachment, cancellationToken);
        if (stream is null)
        {
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        return File(stream, "application/octet-stream", attachment.File.FileName);
    }

    [HttpPost("files/{fileId:int}/remove")]
    public async Task<IActionResult> RemoveFile(int fileId, CancellationToken cancellationToken)
    {
        var (attachment, refusal) = await ReachAsync(fileId, Operations.Edit, cancellationToken);
        if (attachment is null)
        {
            return refusal!;
        }

        await evidence.RemoveFileAsync(attachment, User.GetUserId(), cancellationToken);
        TempData["Message"] = "File removed.";
        return Redirect(ShowUrl(attachment.Item.Id));
    }

    /// <summary>The file and its item when the person may do this to the item's candidate's things; otherwise 404 or 403.</summary>
    private async Task<(EvidenceAttachment? Attachment, IActionResult? Refusal)> ReachAsync(int fileId, OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        var attachment = await evidence.GetFileAsync(fileId, cancellationToken);
        if (attachment is null)
        {
            return (null, NotFound());
        }

        return await portfolio.MayAsync(User, attachment.Item.CandidateUserId, operation) ? (attachment, null) : (null, Forbid());
    }

    private string ShowUrl(int id) => Url.Action(nameof(EvidenceController.Show), "Evidence", new { id }) + "#files";
}
