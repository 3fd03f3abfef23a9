using System.Net;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Npq.Tests.Web.Reporting;

/// <summary>
/// Declarations and outcomes end to end, and the contract test: every attribute Npq exports, and every enum value
/// it uses, exists in DfE's lead-provider API v3 description (specs/dfe-npq-lead-provider-api-v3.yaml).
/// </summary>
public sealed class DeclarationExportTests : ReportingFixture
{
    private static YamlMappingNode? _schemas;

    [OneTimeSetUp]
    public async Task Start()
    {
        var admin = As(ReportWorld.AdminEmail);
        var page = $"/declarations/cohorts/{World.CohortId}";

        // Ada: started (her first evidence, before any session) and completed (outcome released) are due. Record both, then void
        // the completed one, so the exports hold a live and a voided declaration.
        var started = await Forms.SubmitAsync(admin, page, $"#enrolment-{World.AdaEnrolment} form:has(input[name=type][value=started])",
            new Dictionary<string, string> { ["dfeDeclarationId"] = "d0b4a32e-a272-489e-b30a-cb17131457fc" });
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var completed = await Forms.SubmitAsync(admin, page, $"#enrolment-{World.AdaEnrolment} form:has(input[name=type][value=completed])", new Dictionary<string, string>());
        Assert.That(completed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var voided = await Forms.SubmitAsync(admin, page, $"#enrolment-{World.AdaEnrolment} form[action='/declarations/void'][data-declaration=completed]",
            new Dictionary<string, string> { ["reason"] = "Declared too early" });
        Assert.That(voided.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    private static YamlMappingNode Schemas()
    {
        if (_schemas is not null)
        {
            return _schemas;
        }

        var path = Path.Combine(RepoRoot.Path, "Npq.Tests", "Specs", "dfe-npq-lead-provider-api-v3.yaml");

        var yaml = new YamlStream();
        using var reader = new StreamReader(path);
        yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        _schemas = (YamlMappingNode)((YamlMappingNode)root["components"])["schemas"];
        return _schemas;
    }

    private static YamlMappingNode Properties(string schema, params string[] path)
    {
        YamlNode node = Schemas()[schema];
        foreach (var step in path)
        {
            node = ((YamlMappingNode)node)[step];
        }

        return (YamlMappingNode)((YamlMappingNode)node)["properties"];
    }

    private static IReadOnlyList<string> Enum(YamlMappingNode property) =>
        property.Children.TryGetValue(new YamlScalarNode("enum"), out var values)
            ? ((YamlSequenceNode)values).Children.Select(v => ((YamlScalarNode)v).Value ?? string.Empty).ToList()
            : [];

    /// <summary>Checks one exported resource against the schema: type, required attributes, names and enums.</summary>
    private static void AssertMatches(JsonElement resource, string schema)
    {
        var top = Properties(schema);
        Assert.That(Guid.TryParse(resource.GetProperty("id").GetString(), out _), Is.True, "id is a UUID");
        Assert.That(Enum((YamlMappingNode)top["type"]), Does.Contain(resource.GetProperty("type").GetString()));
        var attributes = Properties(schema, "properties", "attributes");
        var required = ((YamlMappingNode)((YamlMappingNode)top)["attributes"]).Children.TryGetValue(new YamlScalarNode("required"), out var r)
            ? ((YamlSequenceNode)r).Children.Select(n => ((YamlScalarNode)n).Value).ToList()
            : [];
        var names = resource.GetProperty("attributes").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(names, Is.SubsetOf(attributes.Children.Keys.Select(k => ((YamlScalarNode)k).Value)), $"{schema} attribute names");
        Assert.That(required, Is.SubsetOf(names), $"{schema} required attributes");
        foreach (var attribute in resource.GetProperty("attributes").EnumerateObject())
        {
            var values = Enum((YamlMappingNode)attributes[attribute.Name]);
            if (values.Count > 0 && attribute.Value.ValueKind == JsonValueKind.String)
            {
                Assert.That(values, Does.Contain(attribute.Value.GetString()), $"{schema}.{attribute.Name}");
            }
        }
    }

    [Test]
    public void Spec_IsReadAndNamesTheAttributesWeRelyOn()
    {
        // Guards the contract test itself: if the parse found nothing, every subset check would pass vacuously.
        var attributes = Properties("ParticipantDeclaration", "properties", "attributes").Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToList();
        Assert.That(attributes, Does.Contain("declaration_type").And.Contain("participant_id").And.Contain("state"));
        Assert.That(Enum((YamlMappingNode)Properties("ParticipantDeclaration", "properties", "attributes")["declaration_type"]),
            Is.EquivalentTo(new[] { "started", "retained-1", "retained-2", "completed" }));
        Assert.That(Enum((YamlMappingNode)Properties("ParticipantOutcome", "properties", "attributes")["state"]), Does.Contain("passed").And.Contain("failed"));
    }

    [Test]
    public async Task DeclarationsJson_EveryResource_MatchesDfesSchema()
    {
        var response = await As(ReportWorld.AdminEmail).GetAsync($"/declarations/cohorts/{World.CohortId}/declarations.json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var data = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.That(data, Has.Count.EqualTo(2));
        foreach (var resource in data)
        {
            AssertMatches(resource, "ParticipantDeclaration");
        }

        var started = data.Single(d => d.GetProperty("attributes").GetProperty("declaration_type").GetString() == "started");
        Assert.That(started.GetProperty("id").GetString(), Is.EqualTo("d0b4a32e-a272-489e-b30a-cb17131457fc"));
        Assert.That(started.GetProperty("attributes").GetProperty("state").GetString(), Is.EqualTo("submitted"));
        Assert.That(started.GetProperty("attributes").GetProperty("participant_id").GetString(), Is.EqualTo(ReportWorld.AdaParticipantId));
        Assert.That(started.GetProperty("attributes").GetProperty("declaration_date").GetString(), Is.EqualTo("2026-02-01T12:00:00Z"), "her first evidence");
        var completed = data.Single(d => d.GetProperty("attributes").GetProperty("declaration_type").GetString() == "completed");
        Assert.That(completed.GetProperty("attributes").GetProperty("state").GetString(), Is.EqualTo("voided"));
        Assert.That(completed.GetProperty("attributes").GetProperty("has_passed").GetString(), Is.EqualTo("true"));
    }

    [Test]
    public async Task OutcomesJson_EveryResource_MatchesDfesSchema()
    {
        var json = await As(ReportWorld.AdminEmail).GetStringAsync($"/declarations/cohorts/{World.CohortId}/outcomes.json");

        var data = JsonDocument.Parse(json).RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.That(data, Has.Count.EqualTo(1));
        AssertMatches(data[0], "ParticipantOutcome");
        Assert.That(data[0].GetProperty("attributes").GetProperty("state").GetString(), Is.EqualTo("passed"));
        Assert.That(data[0].GetProperty("attributes").GetProperty("completion_date").GetString(), Does.StartWith("2026-07-15"));
    }

    [Test]
    public async Task DeclarationsCsv_ListsDueDeclaredAndVoided()
    {
        var csv = await As(ReportWorld.AdminEmail).GetStringAsync($"/declarations/cohorts/{World.CohortId}/declarations.csv");

        Assert.That(csv, Does.Contain("declaration_type"));
        Assert.That(csv, Does.Contain(",started,2026-02-01T12:00:00Z,declared,d0b4a32e-a272-489e-b30a-cb17131457fc,First evidence recorded,"));
        Assert.That(csv, Does.Contain(",completed,").And.Contain(",voided,").And.Contain("Declared too early"));
        Assert.That(csv, Does.Not.Contain("HYPERLINK"), "Ben has done nothing, so nothing is declared for him");
    }

    [Test]
    public async Task Declare_TypeWithoutEvidence_RefusedWithAMessage()
    {
        var response = await Forms.SubmitAsync(As(ReportWorld.AdminEmail), $"/declarations/cohorts/{World.CohortId}",
            $"#enrolment-{World.AdaEnrolment} form[action='/declarations/declare']", new Dictionary<string, string> { ["type"] = "retained-2" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var page = await Html.ReadAsync(response);
        Assert.That(page.QuerySelector(".error-summary").Text(), Does.Contain("no evidence"));
    }

    [Test]
    public async Task Declare_BadDfeId_RefusedWithAMessage()
    {
        var response = await Forms.SubmitAsync(As(ReportWorld.AdminEmail), $"/declarations/cohorts/{World.CohortId}",
            $"#enrolment-{World.AdaEnrolment} form[action='/declarations/declare']", new Dictionary<string, string> { ["type"] = "completed", ["dfeDeclarationId"] = "=cmd|' /C calc'!A0" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Html.ReadAsync(response)).QuerySelector(".error-summary").Text(), Does.Contain("UUID"));
    }

    [Test]
    public async Task Declarations_NotAnAdmin_Forbidden()
    {
        var response = await As(ReportWorld.MoEmail).GetAsync($"/declarations/cohorts/{World.CohortId}/declarations.json");

        Assert.That((int)response.StatusCode, Is.AnyOf(403, 302));
    }
}
