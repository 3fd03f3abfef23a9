using Npq.Core.Time;
using Npq.Web.Documents.Layout;
using SkiaSharp;

namespace Npq.Web.Documents;

/// <summary>
/// The final assessment record: a cover with the facts and the outcome, the candidate's submission, the evidence
/// index, each criterion's judgement, moderation and release. Page numbers and a footer on every page.
/// </summary>
public sealed class FinalAssessmentRecordDocument(FinalAssessmentRecordModel model) : PdfDocumentBase
{
    public override string FileName => $"final-assessment-record-{Slug(model.CandidateName)}-{model.CourseCode.ToLowerInvariant()}.pdf";

    protected override void Write(SKWStream output)
    {
        var composer = new PdfComposer().Compose(Cover().Concat(Submission()).Concat(EvidenceIndex()).Concat(Judgements()).Concat(Release()));
        composer.Write(
            output,
            new PdfMetadata($"Final assessment record – {model.CandidateName} – {model.CourseCode}", model.ProviderName, $"{model.CourseName}: {model.TaskTitle}", model.GeneratedUtc),
            (canvas, page, pages) => DocumentParts.HeaderAndFooter(canvas, page, pages,
                $"{model.CourseCode} final assessment record", model.CandidateName,
                $"{model.ProviderName} · generated {ZonedTime.Format(model.GeneratedUtc, "UTC")} · confidential"));
    }

    private IEnumerable<Block> Cover()
    {
        yield return new Heading("Final assessment record", 1);
        yield return new Paragraph([new Run($"{model.CourseName} ({model.CourseCode})", Bold: true, Size: 13f)]);
        yield return new Spacer(6);
        yield return new Facts(
        [
            new("Candidate", model.CandidateName + (model.CandidateReference is null ? string.Empty : $" ({model.CandidateReference})")),
            new("Course", $"{model.CourseName} ({model.CourseCode})"),
            new("Cohort", model.CohortName),
            new("Provider", model.ProviderName),
            new("Assessment", model.TaskTitle),
            new("Window", $"{ZonedTime.FormatDate(model.WindowOpens)} to {ZonedTime.FormatDate(model.WindowCloses)} ({ZonedTime.Name(model.CohortTimeZone)})"),
            new("Submitted", model.SubmittedUtc is { } at ? ZonedTime.Format(at, model.CohortTimeZone) : "Not submitted"),
            new("Attempt", model.Attempt == 1 ? "First submission" : $"Resubmission (attempt {model.Attempt})"),
            new("Length", model.WordLimit > 0 ? $"{model.WordCount:N0} words (limit {model.WordLimit:N0})" : $"{model.WordCount:N0} words"),
            new("Completion date", model.CompletionDate is { } done ? ZonedTime.FormatDate(done) : "—"),
        ]);
        yield return new Spacer(10);
        var colour = model.Outcome.StartsWith("Pass", StringComparison.OrdinalIgnoreCase) ? new SKColor(0x0b, 0x6b, 0x3a)
            : model.Outcome.StartsWith("Fail", StringComparison.OrdinalIgnoreCase) ? new SKColor(0xa4, 0x00, 0x1d)
            : Typography.Brand;
        yield return new Panel($"Outcome: {model.Outcome}", model.ReleasedUtc is { } released
            ? $"Released {ZonedTime.Format(released, model.CohortTimeZone)}{(model.ReleasedBy is null ? string.Empty : " by " + model.ReleasedBy)}."
            : "Not yet released to the candidate.", colour);
    }

    private IEnumerable<Block> Submission()
    {
        yield return new PageBreak();
        yield return new Heading("The candidate’s submission", 1);
        var blocks = MarkdownBlocks.From(model.SubmissionMarkdown);
        if (blocks.Count == 0)
        {
            yield return new Paragraph("No text was submitted.", italic: true);
        }

        foreach (var block in blocks)
        {
            yield return block;
        }
    }

    private IEnumerable<Block> EvidenceIndex()
    {
        yield return new Heading("Evidence index", 1);
        if (model.Evidence.Count == 0)
        {
            yield return new Paragraph("No evidence was recorded.", italic: true);
            yield break;
        }

        foreach (var item in model.Evidence)
        {
            yield return new Paragraph(
                [new Run(item.Title, Bold: true), new Run($"  {ZonedTime.FormatDate(item.Date)}", Colour: Typography.Muted)], 18, "•");
            yield return new Paragraph([new Run("Statements: " + (item.StatementIds.Count == 0 ? "none linked" : string.Join(", ", item.StatementIds)), Colour: Typography.Muted, Size: 9.5f)], 18);
        }
    }

    private IEnumerable<Block> Judgements()
    {
        yield return new Heading("Assessment against the criteria", 1);
        if (model.Marking is { } marking)
        {
            yield return new Paragraph([new Run("Assessor: ", Bold: true), new Run($"{marking.AssessorName}, proposed {marking.Outcome}, {ZonedTime.Format(marking.AtUtc, model.CohortTimeZone)}")]);
            if (!string.IsNullOrWhiteSpace(marking.Comment))
            {
                yield return new Paragraph(marking.Comment, italic: true);
            }
        }

        var number = 1;
        foreach (var criterion in model.Criteria)
        {
            yield return new Heading($"{number++}. {criterion.Criterion}", 3);
            if (criterion.StatementIds.Count > 0)
            {
                yield return new Paragraph([new Run("Framework statements: " + string.Join(", ", criterion.StatementIds), Colour: Typography.Muted, Size: 9.5f)]);
            }

            yield return new Paragraph([new Run("Assessor: ", Bold: true), new Run(criterion.Met ? "Met" : "Not met", Bold: true, Colour: criterion.Met ? new SKColor(0x0b, 0x6b, 0x3a) : new SKColor(0xa4, 0x00, 0x1d))]);
            if (!string.IsNullOrWhiteSpace(criterion.Comment))
            {
                yield return new Paragraph(criterion.Comment);
            }

            if (criterion.ModeratorMet is { } moderatorMet)
            {
                yield return new Paragraph([new Run("Moderator: ", Bold: true), new Run(moderatorMet ? "Met" : "Not met", Bold: true)]);
                if (!string.IsNullOrWhiteSpace(criterion.ModeratorComment))
                {
                    yield return new Paragraph(criterion.ModeratorComment);
                }
            }
        }
    }

    private IEnumerable<Block> Release()
    {
        yield return new Heading("Moderation and release", 1);
        if (model.Moderation is { } moderation)
        {
            yield return new Paragraph([new Run("Moderated by ", Bold: true), new Run($"{moderation.AssessorName}, {ZonedTime.Format(moderation.AtUtc, model.CohortTimeZone)}: {moderation.Outcome}. The moderator's decision stands.")]);
            if (!string.IsNullOrWhiteSpace(moderation.Comment))
            {
                yield return new Paragraph(moderation.Comment, italic: true);
            }
        }
        else
        {
            yield return new Paragraph("This script was not in the moderation sample.");
        }

        yield return new Paragraph(model.ReleasedUtc is { } released
            ? $"Outcome released to the candidate {ZonedTime.Format(released, model.CohortTimeZone)}."
            : "The outcome has not been released.");
    }

    internal static string Slug(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "candidate" : slug;
    }
}
