using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Npq.Data.Enrolment;

namespace Npq.Tests.Web.Enrolment;

/// <summary>Bulk import: every row previewed with its problems, nothing written until all are right, then all at once.</summary>
public sealed class ImportTests : EnrolmentWebFixture
{
    private async Task<HttpResponseMessage> UploadAsync(HttpClient client, string kind, string csv, string fileName = "import.csv")
    {
        var token = await Forms.TokenFromAsync(client, "/admin/imports");
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), Forms.TokenField },
            { new StringContent(kind), "kind" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", fileName);
        return await client.PostAsync("/admin/imports/preview", content);
    }

    [Test]
    public async Task Preview_BadRows_ListsEveryProblemByRowAndColumnAndWritesNothing()
    {
        var cohort = await NewCohortAsync(10);
        using var admin = Factory.ClientFor("admin@npq.example");
        var csv = $"""
            cohort_id,full_name,email,school,role,qualification,qualification_gained_on,years_teaching_since,funding_route,participant_id,application_id,trn
            {cohort},Good Person,good-{Guid.NewGuid():N}@school.example,Riverside,Teacher,qts,2015-07-01,6,school,,,
            {cohort},,not-an-email,Riverside,Teacher,phd,2015-31-01,six,card,,,
            999999,Lost Person,lost@school.example,Riverside,Teacher,qtls,,3,self,,,
            """;

        var page = await Html.ReadAsync(await UploadAsync(admin, "Applications", csv));
        var rows = page.QuerySelectorAll("table.import-preview tbody tr").ToList();

        Assert.That(rows, Has.Count.EqualTo(3), "every row is shown");
        Assert.That(rows[0].Text(), Does.Contain("Ready"));
        var second = rows[1].Text();
        Assert.That(rows[1].QuerySelector("th").Text(), Is.EqualTo("3"));
        Assert.That(second, Does.Contain("full_name").And.Contain("email").And.Contain("qualification").And.Contain("qualification_gained_on")
            .And.Contain("years_teaching_since").And.Contain("funding_route"));
        Assert.That(rows[2].Text(), Does.Contain("cohort_id: Not one of your cohorts"));
        Assert.That(page.QuerySelector(".error-summary").Text(), Does.Contain("Nothing was imported").And.Contain("7 problems"));
        Assert.That(page.QuerySelector("form[action='/admin/imports/confirm']"), Is.Null, "no way to import a file with problems");
        Assert.That((await Service<ApplicationRepository>().GetInboxPageAsync((await Service<Npq.Data.Accounts.UserRepository>().FindByNormalizedEmailAsync("ADMIN@NPQ.EXAMPLE"))!.ProviderId!.Value,
            new Npq.Core.Enrolment.ApplicationFilter { CohortId = cohort }, false, 0, 50)).Rows, Is.Empty);
    }

    [Test]
    public async Task Import_AllRowsValid_PreviewsThenWritesThemAllOnConfirm()
    {
        var cohort = await NewCohortAsync(2);
        using var admin = Factory.ClientFor("admin@npq.example");
        var a = $"a-{Guid.NewGuid():N}@school.example";
        var b = $"b-{Guid.NewGuid():N}@school.example";
        var csv = $"cohort_id,full_name,email,mentor_email\r\n{cohort},Alex One,{a},mentor@npq.example\r\n{cohort},Bea Two,{b},\r\n";

        var preview = await Html.ReadAsync(await UploadAsync(admin, "Enrolments", csv));
        Assert.That(await Service<EnrolmentLifecycleRepository>().GetForCohortAsync(cohort), Is.Empty, "the preview writes nothing");
        var form = preview.QuerySelector("form[action='/admin/imports/confirm']")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!)).ToList();
        var response = await admin.PostAsync("/admin/imports/confirm", new FormUrlEncodedContent(fields));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var enrolled = await Service<EnrolmentLifecycleRepository>().GetForCohortAsync(cohort);
        Assert.That(enrolled.Select(e => e.CandidateEmail), Is.EquivalentTo(new[] { a, b }));
        Assert.That(enrolled.Single(e => e.CandidateEmail == a).MentorName, Is.EqualTo("Priya Shah"));

        var again = await Html.ReadAsync(await UploadAsync(admin, "Enrolments", csv));
        Assert.That(again.Body.Text(), Does.Contain("Already enrolled on this cohort."));
    }

    [Test]
    public async Task Preview_TooManyForThePlacesLeft_FlagsTheRowsBeyondCapacity()
    {
        var cohort = await NewCohortAsync(1);
        using var admin = Factory.ClientFor("admin@npq.example");
        var csv = $"cohort_id,full_name,email,mentor_email\n{cohort},One,one-{Guid.NewGuid():N}@s.example,\n{cohort},Two,two-{Guid.NewGuid():N}@s.example,\n";

        var page = await Html.ReadAsync(await UploadAsync(admin, "Enrolments", csv));

        Assert.That(page.QuerySelectorAll("table.import-preview tbody tr")[1].Text(), Does.Contain("1 places left"));
    }

    [Test]
    public async Task Preview_NotACsvOrWrongHeader_SaysWhy()
    {
        using var admin = Factory.ClientFor("admin@npq.example");

        var wrongType = await Html.ReadAsync(await UploadAsync(admin, "Applications", "whatever", "import.xlsx"));
        var wrongHeader = await Html.ReadAsync(await UploadAsync(admin, "Enrolments", "cohort,name\n1,x\n"));

        Assert.That(wrongType.Body.Text(), Does.Contain("must be a .csv file"));
        Assert.That(wrongHeader.Body.Text(), Does.Contain("This column is not in the template").And.Contain("This column is missing"));
    }

    [Test]
    public async Task Template_IsAUtf8CsvWithTheHeader()
    {
        using var admin = Factory.ClientFor("admin@npq.example");

        var response = await admin.GetAsync("/admin/imports/template/applications");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/csv"));
        Assert.That(bytes.Take(3), Is.EqualTo(Encoding.UTF8.GetPreamble()));
        Assert.That(Encoding.UTF8.GetString(bytes[3..]), Does.StartWith("cohort_id,full_name,email,school,role,qualification,"));
        Assert.That((await admin.GetAsync("/admin/imports/template/spreadsheets")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
