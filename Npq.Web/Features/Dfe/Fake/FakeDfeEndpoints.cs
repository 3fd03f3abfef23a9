using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npq.Core.Dfe;
using Npq.Core.Enrolment;

namespace Npq.Web.Features.Dfe.Fake;

/// <summary>Settings of the fake DfE (<c>Dfe:Mode=Fake</c>).</summary>
public sealed class FakeDfeOptions
{
    /// <summary>The bearer token the fake accepts.</summary>
    public string Token { get; set; } = "fake-dfe-token";
}

/// <summary>
/// A DfE lead-provider API v3 built from its contract, in memory, under <c>/fake-dfe/api/v3/…</c>: the same routes,
/// payloads, errors (401, 404, 400/422 with <c>errors[]</c>), paging and <c>filter[updated_since]</c>, a rate limit
/// answered 429 with Retry-After, and 410 for a participant id DfE merged into another. Mapped only when
/// <c>Dfe:Mode=Fake</c>, so the demo and the tests can sync end to end without DfE's sandbox.
/// </summary>
public static class FakeDfeEndpoints
{
    public const string Prefix = "/fake-dfe";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static void MapFakeDfe(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix + "/api/v3").AllowAnonymous().DisableAntiforgery().AddEndpointFilter(GuardAsync);

        api.MapGet("/npq-applications", (HttpContext http, FakeDfeState s) => s.Locked(() =>
            Page(http, s.Applications.Values.Where(a => UpdatedSince(http, a.UpdatedAt)).OrderBy(a => a.CreatedAt), a => FakeDfeShapes.Application(a))));
        api.MapGet("/npq-applications/{id}", (string id, FakeDfeState s) => s.Locked(() =>
            s.Applications.TryGetValue(id, out var a) ? One(FakeDfeShapes.Application(a)) : NotFound()));
        api.MapPost("/npq-applications/{id}/accept", (string id, FakeDfeState s) => s.Locked(() => Decide(s, id, "accepted")));
        api.MapPost("/npq-applications/{id}/reject", (string id, FakeDfeState s) => s.Locked(() => Decide(s, id, "rejected")));

        api.MapGet("/participants/npq", (HttpContext http, FakeDfeState s) => s.Locked(() =>
        {
            var from = http.Request.Query["filter[from_participant_id]"].ToString();
            var status = http.Request.Query["filter[training_status]"].ToString();
            var list = s.Participants.Values
                .Where(p => p.Enrolments.Count > 0 && UpdatedSince(http, p.UpdatedAt))
                .Where(p => from.Length == 0 || p.IdChanges.Any(c => c.From == from))
                .Where(p => status.Length == 0 || p.Enrolments.Any(e => e.TrainingStatus == status))
                .OrderBy(p => p.Id, StringComparer.Ordinal);
            return Page(http, list, FakeDfeShapes.Participant);
        }));
        api.MapGet("/participants/npq/outcomes", (HttpContext http, FakeDfeState s) => s.Locked(() => Page(http, s.Outcomes.OrderBy(o => o.CreatedAt), FakeDfeShapes.Outcome)));
        api.MapGet("/participants/npq/{id}", (string id, FakeDfeState s) => s.Locked(() =>
            s.Merged.ContainsKey(id) ? Gone(s, id) : s.Participants.TryGetValue(id, out var p) ? One(FakeDfeShapes.Participant(p)) : NotFound()));
        api.MapPut("/participants/npq/{id}/defer", (string id, HttpContext http, FakeDfeState s) => ChangeStatusAsync(http, s, id, "defer"));
        api.MapPut("/participants/npq/{id}/withdraw", (string id, HttpContext http, FakeDfeState s) => ChangeStatusAsync(http, s, id, "withdraw"));
        api.MapPut("/participants/npq/{id}/resume", (string id, HttpContext http, FakeDfeState s) => ChangeStatusAsync(http, s, id, "resume"));
        api.MapGet("/participants/npq/{id}/outcomes", (string id, HttpContext http, FakeDfeState s) => s.Locked(() =>
            s.Merged.ContainsKey(id) ? Gone(s, id) : !s.Participants.ContainsKey(id) ? NotFound() : Page(http, s.Outcomes.Where(o => o.ParticipantId == id), FakeDfeShapes.Outcome)));
        api.MapPost("/participants/npq/{id}/outcomes", (string id, HttpContext http, FakeDfeState s) => OutcomeAsync(http, s, id));

        api.MapGet("/participant-declarations", (HttpContext http, FakeDfeState s) => s.Locked(() =>
        {
            var participant = http.Request.Query["filter[participant_id]"].ToString();
            var list = s.Declarations.Where(d => (participant.Length == 0 || d.ParticipantId == participant) && UpdatedSince(http, d.UpdatedAt)).OrderBy(d => d.CreatedAt);
            return Page(http, list, FakeDfeShapes.Declaration);
        }));
        api.MapGet("/participant-declarations/{id}", (string id, FakeDfeState s) => s.Locked(() =>
            s.Declarations.FirstOrDefault(d => d.Id == id) is { } d ? One(FakeDfeShapes.Declaration(d)) : NotFound()));
        api.MapPost("/participant-declarations", (HttpContext http, FakeDfeState s) => DeclareAsync(http, s));
        api.MapPut("/participant-declarations/{id}/void", (string id, FakeDfeState s) => s.Locked(() =>
        {
            var d = s.Declarations.FirstOrDefault(x => x.Id == id);
            if (d is null)
            {
                return NotFound();
            }

            if (d.State is "voided" or "clawed_back" or "awaiting_clawback")
            {
                return Problem(422, "Invalid action", "This declaration has already been voided.");
            }

            d.State = d.State == "paid" ? "awaiting_clawback" : "voided";
            d.UpdatedAt = s.Now;
            return One(FakeDfeShapes.Declaration(d));
        }));

        api.MapGet("/statements", (HttpContext http, FakeDfeState s) => s.Locked(() => Page(http, s.Statements.OrderBy(x => x.CreatedAt), FakeDfeShapes.Statement)));
        api.MapGet("/statements/{id}", (string id, FakeDfeState s) => s.Locked(() =>
            s.Statements.FirstOrDefault(x => x.Id == id) is { } st ? One(FakeDfeShapes.Statement(st)) : NotFound()));
    }

    /// <summary>Every request: the bearer token (401), then the rate limit (429 with Retry-After).</summary>
    private static async ValueTask<object?> GuardAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var state = http.RequestServices.GetRequiredService<FakeDfeState>();
        var token = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<FakeDfeOptions>>().Value.Token;
        state.Log.Enqueue($"{http.Request.Method} {http.Request.Path}");
        if (http.Request.Headers.Authorization.ToString() != "Bearer " + token)
        {
            return Results.Json(new { error = "HTTP Token: Access denied" }, statusCode: 401);
        }

        if (state.Admit() is { } wait)
        {
            http.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            return Results.Json(new { errors = new[] { new { title = "Too many requests", detail = "The rate limit is 1,000 requests per 5 minutes; retry after the time given." } } }, statusCode: 429);
        }

        return await next(context);
    }

    private static IResult Decide(FakeDfeState s, string id, string to)
    {
        if (!s.Applications.TryGetValue(id, out var a))
        {
            return NotFound();
        }

        if (a.Status != "pending")
        {
            return Problem(422, "Invalid action", $"This NPQ application has already been {a.Status}.");
        }

        var now = s.Now;
        a.Status = to;
        a.UpdatedAt = now;
        if (to == "accepted")
        {
            a.FundedPlace ??= a.EligibleForFunding;
            var p = s.Participants[a.ParticipantId];
            if (p.Enrolments.All(e => e.ApplicationId != a.Id))
            {
                p.Enrolments.Add(new FakeEnrolment
                {
                    CourseIdentifier = a.CourseIdentifier, ApplicationId = a.Id, Cohort = a.Cohort, CohortSuffix = a.CohortSuffix, EligibleForFunding = a.EligibleForFunding,
                    Email = a.Email, CreatedAt = now,
                });
            }

            p.UpdatedAt = now;
        }

        return One(FakeDfeShapes.Application(a));
    }

    private static async Task<IResult> ChangeStatusAsync(HttpContext http, FakeDfeState s, string id, string action)
    {
        var (attributes, problem) = await AttributesAsync(http);
        if (problem is not null)
        {
            return problem;
        }

        return s.Locked(() =>
        {
            if (s.Merged.ContainsKey(id))
            {
                return Gone(s, id);
            }

            if (!s.Participants.TryGetValue(id, out var p))
            {
                return NotFound();
            }

            var course = Text(attributes!, "course_identifier");
            var enrolment = p.Enrolments.FirstOrDefault(e => e.CourseIdentifier == course);
            if (enrolment is null)
            {
                return Problem(422, "course_identifier", "The entered '#/course_identifier' is not valid for this participant.");
            }

            var reason = Text(attributes!, "reason");
            switch (action)
            {
                case "defer" when enrolment.TrainingStatus != "active":
                    return Problem(422, "training_status", "The participant is not active, so cannot be deferred.");
                case "defer" when !DfeReasons.Deferral.Contains(reason):
                    return Problem(422, "reason", "The property '#/reason' must be a valid reason.");
                case "withdraw" when enrolment.TrainingStatus == "withdrawn":
                    return Problem(422, "training_status", "The participant is already withdrawn.");
                case "withdraw" when !DfeReasons.Withdrawal.Contains(reason):
                    return Problem(422, "reason", "The property '#/reason' must be a valid reason.");
                case "resume" when enrolment.TrainingStatus == "active":
                    return Problem(422, "training_status", "The participant is already active.");
            }

            enrolment.TrainingStatus = action switch { "defer" => "deferred", "withdraw" => "withdrawn", _ => "active" };
            enrolment.Reason = action == "resume" ? null : reason;
            enrolment.ReasonDate = action == "resume" ? null : s.Now;
            p.UpdatedAt = s.Now;
            return One(FakeDfeShapes.Participant(p));
        });
    }

    private static async Task<IResult> DeclareAsync(HttpContext http, FakeDfeState s)
    {
        var (attributes, problem) = await AttributesAsync(http);
        if (problem is not null)
        {
            return problem;
        }

        return s.Locked(() =>
        {
            var participantId = Text(attributes!, "participant_id") ?? string.Empty;
            var type = Text(attributes!, "declaration_type");
            var course = Text(attributes!, "course_identifier");
            var date = Text(attributes!, "declaration_date");
            if (s.Merged.ContainsKey(participantId))
            {
                return Gone(s, participantId);
            }

            if (!s.Participants.TryGetValue(participantId, out var p))
            {
                return Problem(422, "participant_id", "The property '#/participant_id' must be a valid Participant ID.");
            }

            var enrolment = p.Enrolments.FirstOrDefault(e => e.CourseIdentifier == course);
            if (enrolment is null)
            {
                return Problem(422, "course_identifier", "The entered '#/course_identifier' is not valid for this participant.");
            }

            if (type is not ("started" or "retained-1" or "retained-2" or "completed"))
            {
                return Problem(422, "declaration_type", "The property '#/declaration_type' does not exist for this schedule.");
            }

            if (!DateTime.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _))
            {
                return Problem(422, "declaration_date", "Enter a valid RCF3339 '#/declaration_date'.");
            }

            if (type == "completed" && attributes!["has_passed"] is not JsonValue)
            {
                return Problem(422, "has_passed", "Enter a '#/has_passed' value for this participant.");
            }

            if (s.Declarations.Any(d => d.ParticipantId == participantId && d.CourseIdentifier == course && d.DeclarationType == type && d.State is not ("voided" or "ineligible")))
            {
                return Problem(422, "base", "A declaration has already been submitted that will be, or has been, paid for this event.");
            }

            var now = s.Now;
            var declaration = new FakeDeclaration
            {
                Id = Guid.NewGuid().ToString(), ParticipantId = participantId, CourseIdentifier = course!, DeclarationType = type, DeclarationDate = date!,
                State = enrolment.EligibleForFunding ? "eligible" : "submitted",
                HasPassed = type == "completed" ? attributes!["has_passed"]!.GetValue<bool>() : null, ApplicationId = enrolment.ApplicationId, CreatedAt = now, UpdatedAt = now,
            };
            s.Declarations.Add(declaration);
            return One(FakeDfeShapes.Declaration(declaration));
        });
    }

    private static async Task<IResult> OutcomeAsync(HttpContext http, FakeDfeState s, string id)
    {
        var (attributes, problem) = await AttributesAsync(http);
        if (problem is not null)
        {
            return problem;
        }

        return s.Locked(() =>
        {
            if (s.Merged.ContainsKey(id))
            {
                return Gone(s, id);
            }

            if (!s.Participants.TryGetValue(id, out var p))
            {
                return NotFound();
            }

            var course = Text(attributes!, "course_identifier");
            var state = Text(attributes!, "state");
            var date = Text(attributes!, "completion_date");
            if (p.Enrolments.All(e => e.CourseIdentifier != course))
            {
                return Problem(422, "course_identifier", "The entered '#/course_identifier' is not valid for this participant.");
            }

            if (state is not ("passed" or "failed"))
            {
                return Problem(422, "state", "The property '#/state' must be passed or failed.");
            }

            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                return Problem(422, "completion_date", "The property '#/completion_date' must be a valid date in the format YYYY-MM-DD.");
            }

            if (!s.Declarations.Any(d => d.ParticipantId == id && d.CourseIdentifier == course && d.DeclarationType == "completed" && d.State != "voided"))
            {
                return Problem(422, "base", "The participant has no completed declaration for this course.");
            }

            var outcome = new FakeOutcome { Id = Guid.NewGuid().ToString(), ParticipantId = id, CourseIdentifier = course!, State = state, CompletionDate = date!, CreatedAt = s.Now };
            s.Outcomes.Add(outcome);
            return One(FakeDfeShapes.Outcome(outcome));
        });
    }

    /// <summary>The body's <c>data.attributes</c>, or the 400 DfE answers for a body not in that shape.</summary>
    private static async Task<(JsonObject? Attributes, IResult? Problem)> AttributesAsync(HttpContext http)
    {
        try
        {
            var body = await JsonNode.ParseAsync(http.Request.Body);
            if (body?["data"] is JsonObject data && data["type"] is JsonValue && data["attributes"] is JsonObject attributes)
            {
                return (attributes, null);
            }
        }
        catch (JsonException)
        {
            // Falls through to the 400 below.
        }

        return (null, Problem(400, "Bad request", "Correct json data structure required. See API docs for reference."));
    }

    private static IResult Page<T>(HttpContext http, IEnumerable<T> items, Func<T, JsonObject> shape)
    {
        var page = int.TryParse(http.Request.Query["page[page]"], out var p) && p > 0 ? p : 1;
        var size = int.TryParse(http.Request.Query["page[per_page]"], out var n) && n > 0 ? Math.Min(n, 3000) : 100;
        var data = new JsonArray(items.Skip((page - 1) * size).Take(size).Select(i => (JsonNode)shape(i)).ToArray());
        return Results.Text(new JsonObject { ["data"] = data }.ToJsonString(Json), "application/json");
    }

    private static bool UpdatedSince(HttpContext http, DateTime updatedAt) =>
        !DateTime.TryParse(http.Request.Query["filter[updated_since]"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var since)
        || updatedAt >= since;

    private static IResult One(JsonObject resource) => Results.Text(new JsonObject { ["data"] = resource }.ToJsonString(Json), "application/json");

    private static IResult NotFound() => Results.Json(new { error = "Resource not found" }, statusCode: 404);

    private static IResult Problem(int status, string title, string detail) =>
        Results.Json(new { errors = new[] { new { title, detail } } }, statusCode: status);

    private static IResult Gone(FakeDfeState s, string id) =>
        Results.Json(new
        {
            errors = new[] { new { title = "Participant merged", detail = $"This participant's id has changed to {s.Merged[id]}; see participant_id_changes." } },
        }, statusCode: 410);

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
