using System.Text;
using Npq.Core.Webinars;

namespace Npq.Tests.Core.Webinars;

public sealed class IcsWriterTests
{
    private static readonly DateTime Stamp = new(2026, 10, 1, 12, 0, 0, DateTimeKind.Utc);

    private static IcsEvent Event(int sequence = 0, bool cancelled = false) => new()
    {
        Uid = "session-42@npq.example",
        Summary = "Leading school culture; part 1, with a very long title that certainly needs folding — ünïcödé included",
        Description = "Agenda:\nCulture, routines; and \\ a backslash",
        Location = "https://npq.example/webinars/sessions/42",
        Url = "https://npq.example/webinars/sessions/42",
        StartUtc = new DateTime(2026, 10, 28, 9, 0, 0, DateTimeKind.Utc),
        EndUtc = new DateTime(2026, 10, 28, 10, 30, 0, DateTimeKind.Utc),
        Sequence = sequence,
        Cancelled = cancelled,
        LastModifiedUtc = Stamp,
    };

    /// <summary>Unfolds (RFC 5545 §3.1) and returns each VEVENT as name → value.</summary>
    private static List<Dictionary<string, string>> Parse(string ics)
    {
        var unfolded = ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal);
        var events = new List<Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var line in unfolded.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            if (line == "BEGIN:VEVENT")
            {
                current = [];
            }
            else if (line == "END:VEVENT")
            {
                events.Add(current!);
                current = null;
            }
            else if (current is not null)
            {
                var colon = line.IndexOf(':');
                current[line[..colon]] = line[(colon + 1)..];
            }
        }

        return events;
    }

    [Test]
    public void Write_ParsedBack_HasUidSequenceStatusAndUtcTimes()
    {
        var ics = IcsWriter.Write("Npq sessions", [Event(sequence: 3)], Stamp);
        var e = Parse(ics).Single();

        Assert.That(ics, Does.StartWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
        Assert.That(ics, Does.EndWith("END:VCALENDAR\r\n"));
        Assert.That(e["UID"], Is.EqualTo("session-42@npq.example"));
        Assert.That(e["SEQUENCE"], Is.EqualTo("3"));
        Assert.That(e["STATUS"], Is.EqualTo("CONFIRMED"));
        Assert.That(e["DTSTART"], Is.EqualTo("20261028T090000Z"));
        Assert.That(e["DTEND"], Is.EqualTo("20261028T103000Z"));
        Assert.That(e["DTSTAMP"], Is.EqualTo("20261001T120000Z"));
    }

    [Test]
    public void Write_Cancelled_SendsStatusCancelledWithTheSameUid()
    {
        var e = Parse(IcsWriter.Write("Npq", [Event(sequence: 4, cancelled: true)], Stamp)).Single();

        Assert.That(e["STATUS"], Is.EqualTo("CANCELLED"));
        Assert.That(e["UID"], Is.EqualTo("session-42@npq.example"));
        Assert.That(e["SEQUENCE"], Is.EqualTo("4"));
    }

    [Test]
    public void Write_Text_IsEscaped()
    {
        var e = Parse(IcsWriter.Write("Npq", [Event()], Stamp)).Single();

        Assert.That(e["SUMMARY"], Does.StartWith("Leading school culture\\; part 1\\, with"));
        Assert.That(e["DESCRIPTION"], Is.EqualTo("Agenda:\\nCulture\\, routines\\; and \\\\ a backslash"));
    }

    [Test]
    public void Write_LongLines_AreFoldedAt75OctetsWithoutSplittingCharacters()
    {
        var ics = IcsWriter.Write("Npq", [Event()], Stamp);
        var physical = ics.Split("\r\n");

        Assert.That(physical.Where(l => l.StartsWith(' ')), Is.Not.Empty, "the summary is long enough to fold");
        Assert.That(physical, Has.All.Matches<string>(l => Encoding.UTF8.GetByteCount(l) <= 75));
        Assert.That(Parse(ics).Single()["SUMMARY"], Does.EndWith("ünïcödé included"));
    }

    [Test]
    public void Fold_MultiByteCharactersAtTheBoundary_StayWhole()
    {
        var line = "SUMMARY:" + new string('é', 100);
        var folded = IcsWriter.Fold(line);

        Assert.That(folded.Split("\r\n"), Has.All.Matches<string>(l => Encoding.UTF8.GetByteCount(l) <= 75));
        Assert.That(folded.Replace("\r\n ", string.Empty, StringComparison.Ordinal), Is.EqualTo(line));
    }
}
