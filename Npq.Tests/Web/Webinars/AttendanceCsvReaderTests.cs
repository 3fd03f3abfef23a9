using Npq.Core.Webinars;
using Npq.Web.Features.Webinars.Attendance;

namespace Npq.Tests.Web.Webinars;

public sealed class AttendanceCsvReaderTests
{
    private static readonly RosterMember Amira = new(1, "Amira Haddad", "candidate1@npq.example");
    private static readonly RosterMember Ben = new(2, "Ben Carter", "candidate2@npq.example");

    [Test]
    public void Read_ZoomParticipantsExport_ReadsUsTimesInTheChosenZone()
    {
        const string csv = """
            Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent
            Amira Haddad,candidate1@npq.example,10/28/2026 06:01:15 PM,10/28/2026 07:30:00 PM,89,No,Y
            "Ben C (Ben Carter)",,10/28/2026 06:05:00 PM,10/28/2026 06:50:00 PM,45,Yes,Y
            """;

        var result = AttendanceCsvReader.Read(csv, "Asia/Dubai", DateOrder.MonthFirst);

        Assert.That(result.Error, Is.Null);
        Assert.That(result.Malformed, Is.Empty);
        Assert.That(result.Rows, Has.Count.EqualTo(2));
        Assert.That(result.Rows[0].Email, Is.EqualTo("candidate1@npq.example"));
        Assert.That(result.Rows[0].JoinUtc, Is.EqualTo(new DateTime(2026, 10, 28, 14, 1, 15, DateTimeKind.Utc)));
        Assert.That(result.Rows[0].LeaveUtc, Is.EqualTo(new DateTime(2026, 10, 28, 15, 30, 0, DateTimeKind.Utc)));
        Assert.That(result.Rows[1].Name, Is.EqualTo("Ben C (Ben Carter)"));
    }

    [Test]
    public void Read_TeamsAttendanceList_SkipsTheSummaryAndReadsDayFirstTabSeparatedTimes()
    {
        var tsv = string.Join("\n",
            "Meeting Summary",
            "Total Number of Participants\t2",
            "Full Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole",
            "Ben Carter\t28/10/2026, 09:00:05\t28/10/2026, 10:29:00\t1h 28m\tCANDIDATE2@npq.example\tAttendee");

        var result = AttendanceCsvReader.Read(tsv, "Europe/London", DateOrder.DayFirst);

        Assert.That(result.Error, Is.Null);
        Assert.That(result.Rows.Single().JoinUtc, Is.EqualTo(new DateTime(2026, 10, 28, 9, 0, 5, DateTimeKind.Utc)));
        Assert.That(result.Rows.Single().LineNumber, Is.EqualTo(4));
    }

    [Test]
    public void Read_MalformedRows_AreListedWithTheirLineAndReason()
    {
        const string csv = """
            Name,Email,Join Time,Leave Time
            Amira Haddad,candidate1@npq.example,not a time,10/28/2026 07:30:00 PM
            Ben Carter,candidate2@npq.example,10/28/2026 07:00:00 PM,10/28/2026 06:00:00 PM
            ,,10/28/2026 07:00:00 PM,10/28/2026 07:30:00 PM
            """;

        var result = AttendanceCsvReader.Read(csv, "UTC", DateOrder.MonthFirst);

        Assert.That(result.Rows, Is.Empty);
        Assert.That(result.Malformed.Select(m => m.LineNumber), Is.EqualTo(new[] { 2, 3, 4 }));
        Assert.That(result.Malformed[0].Reason, Does.Contain("not a time"));
        Assert.That(result.Malformed[1].Reason, Is.EqualTo("Leave time is before join time"));
        Assert.That(result.Malformed[2].Reason, Is.EqualTo("No name or email"));
    }

    [Test]
    public void Read_NoRecognisableHeader_ExplainsWhatIsNeeded()
    {
        var result = AttendanceCsvReader.Read("a,b,c\n1,2,3", "UTC", DateOrder.MonthFirst);

        Assert.That(result.Error, Does.Contain("header row"));
    }

    [Test]
    public void Match_ByEmailThenByName_ListsTheRestAsUnmatched()
    {
        var t = new DateTime(2026, 10, 28, 9, 0, 0, DateTimeKind.Utc);
        ImportedRow Row(int line, string name, string? email) => new(line, name, email, t, t.AddMinutes(60));
        var rows = new[]
        {
            Row(2, "Someone Else", "CANDIDATE1@npq.example"),
            Row(3, "ben carter (Ben Carter)", null),
            Row(4, "A Guest", "guest@elsewhere.example"),
        };

        var preview = AttendanceImportMatcher.Match(rows, [new MalformedRow(5, "x")], [Amira, Ben]);

        Assert.That(preview.Matched.Select(m => (m.Row.LineNumber, m.Member.UserId, m.ByEmail)), Is.EqualTo(new[] { (2, 1, true), (3, 2, false) }));
        Assert.That(preview.Unmatched.Select(r => r.LineNumber), Is.EqualTo(new[] { 4 }));
        Assert.That(preview.Malformed, Has.Count.EqualTo(1));
    }

    [Test]
    public void Match_NameSharedByTwoCandidates_MatchesNeither()
    {
        var t = new DateTime(2026, 10, 28, 9, 0, 0, DateTimeKind.Utc);
        var twin = new RosterMember(3, "Amira Haddad", "other@npq.example");

        var preview = AttendanceImportMatcher.Match([new ImportedRow(2, "Amira Haddad", null, t, t.AddMinutes(5))], [], [Amira, twin]);

        Assert.That(preview.Matched, Is.Empty);
        Assert.That(preview.Unmatched, Has.Count.EqualTo(1));
    }
}
