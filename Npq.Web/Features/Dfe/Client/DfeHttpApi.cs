using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Npq.Core.Dfe;

namespace Npq.Web.Features.Dfe.Client;

/// <summary>How the client pages and waits.</summary>
public sealed class DfeClientOptions
{
    /// <summary>Items asked for per page (<c>page[per_page]</c>; DfE allows up to 3,000).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>A read answered 429 waits DfE's Retry-After, when it is at most this long, and asks again (up to three times).</summary>
    public int MaxInlineWaitSeconds { get; set; } = 30;
}

/// <summary>
/// DfE's lead-provider API v3 over HTTP (the named client <see cref="ClientName"/> from IHttpClientFactory): a bearer
/// token on every request, lists followed page by page (<c>page[page]</c>, <c>page[per_page]</c>) with
/// <c>filter[updated_since]</c>, a read answered 429 retried after <c>Retry-After</c>. Writes answer whatever DfE
/// said: the outbox decides what to do with it. Logs carry paths and statuses, never the token or bodies.
/// </summary>
public sealed class DfeHttpApi(IHttpClientFactory clients, IOptions<DfeClientOptions> options, ILogger<DfeHttpApi> logger) : IDfeApi
{
    public const string ClientName = "dfe";

    public Task<DfeAnswer<IReadOnlyList<DfeApplicationData>>> ListApplicationsAsync(DfeEndpoint endpoint, DateTime? updatedSince, CancellationToken cancellationToken = default) =>
        ListAsync(endpoint, "/api/v3/npq-applications", Filter(("updated_since", updatedSince is { } s ? DfeJson.Instant(s) : null)), DfeJson.Application, cancellationToken);

    public Task<DfeAnswer<IReadOnlyList<DfeParticipantData>>> ListParticipantsAsync(DfeEndpoint endpoint, DateTime? updatedSince, CancellationToken cancellationToken = default) =>
        ListAsync(endpoint, "/api/v3/participants/npq", Filter(("updated_since", updatedSince is { } s ? DfeJson.Instant(s) : null)), DfeJson.Participant, cancellationToken);

    public Task<DfeAnswer<IReadOnlyList<DfeParticipantData>>> FindByFormerIdAsync(DfeEndpoint endpoint, string oldParticipantId, CancellationToken cancellationToken = default) =>
        ListAsync(endpoint, "/api/v3/participants/npq", Filter(("from_participant_id", oldParticipantId)), DfeJson.Participant, cancellationToken);

    public Task<DfeAnswer<IReadOnlyList<DfeDeclarationData>>> ListDeclarationsAsync(DfeEndpoint endpoint, string? participantId, CancellationToken cancellationToken = default) =>
        ListAsync(endpoint, "/api/v3/participant-declarations", Filter(("participant_id", participantId)), DfeJson.Declaration, cancellationToken);

    public Task<DfeAnswer<IReadOnlyList<DfeOutcomeData>>> ListOutcomesAsync(DfeEndpoint endpoint, CancellationToken cancellationToken = default) =>
        ListAsync(endpoint, "/api/v3/participants/npq/outcomes", [], DfeJson.Outcome, cancellationToken);

    public Task<DfeAnswer<IReadOnlyList<DfeStatementData>>> ListStatementsAsync(DfeEndpoint endpoint, CancellationToken cancellationToken = default) =>
        ListAsync(endpoint, "/api/v3/statements", [], DfeJson.Statement, cancellationToken);

    public Task<DfeAnswer<DfeApplicationData>> AcceptApplicationAsync(DfeEndpoint endpoint, string applicationId, bool? fundedPlace, CancellationToken cancellationToken = default)
    {
        var attributes = new JsonObject();
        if (fundedPlace is { } funded)
        {
            attributes["funded_place"] = funded;
        }

        return SendAsync(endpoint, HttpMethod.Post, $"/api/v3/npq-applications/{Id(applicationId)}/accept", Body("npq-application-accept", attributes), DfeJson.Application, cancellationToken);
    }

    public Task<DfeAnswer<DfeApplicationData>> RejectApplicationAsync(DfeEndpoint endpoint, string applicationId, CancellationToken cancellationToken = default) =>
        SendAsync(endpoint, HttpMethod.Post, $"/api/v3/npq-applications/{Id(applicationId)}/reject", null, DfeJson.Application, cancellationToken);

    public Task<DfeAnswer<DfeParticipantData>> ChangeStatusAsync(DfeEndpoint endpoint, string participantId, DfeStatusChange change, string courseIdentifier, string? reason, CancellationToken cancellationToken = default)
    {
        var (action, type) = change switch
        {
            DfeStatusChange.Defer => ("defer", "participant-defer"),
            DfeStatusChange.Withdraw => ("withdraw", "participant-withdraw"),
            _ => ("resume", "participant-resume"),
        };
        var attributes = new JsonObject { ["course_identifier"] = courseIdentifier };
        if (change != DfeStatusChange.Resume)
        {
            attributes["reason"] = reason;
        }

        return SendAsync(endpoint, HttpMethod.Put, $"/api/v3/participants/npq/{Id(participantId)}/{action}", Body(type, attributes), DfeJson.Participant, cancellationToken);
    }

    public Task<DfeAnswer<DfeDeclarationData>> DeclareAsync(DfeEndpoint endpoint, string participantId, string courseIdentifier, string declarationType, DateTime declarationDate, bool? hasPassed, CancellationToken cancellationToken = default)
    {
        var attributes = new JsonObject
        {
            ["participant_id"] = participantId,
            ["declaration_type"] = declarationType,
            ["declaration_date"] = DfeJson.Instant(declarationDate),
            ["course_identifier"] = courseIdentifier,
        };
        if (declarationType == "completed")
        {
            attributes["has_passed"] = hasPassed ?? false;
        }

        return SendAsync(endpoint, HttpMethod.Post, "/api/v3/participant-declarations", Body("participant-declaration", attributes), DfeJson.Declaration, cancellationToken);
    }

    public Task<DfeAnswer<DfeDeclarationData>> VoidDeclarationAsync(DfeEndpoint endpoint, string declarationId, CancellationToken cancellationToken = default) =>
        SendAsync(endpoint, HttpMethod.Put, $"/api/v3/participant-declarations/{Id(declarationId)}/void", null, DfeJson.Declaration, cancellationToken);

    public Task<DfeAnswer<DfeOutcomeData>> SendOutcomeAsync(DfeEndpoint endpoint, string participantId, string courseIdentifier, string state, DateOnly completionDate, CancellationToken cancellationToken = default) =>
        SendAsync(endpoint, HttpMethod.Post, $"/api/v3/participants/npq/{Id(participantId)}/outcomes",
            Body("npq-outcome-confirmation", new JsonObject
            {
                ["course_identifier"] = courseIdentifier,
                ["state"] = state,
                ["completion_date"] = completionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }),
            DfeJson.Outcome, cancellationToken);

    private async Task<DfeAnswer<IReadOnlyList<T>>> ListAsync<T>(DfeEndpoint endpoint, string path, IReadOnlyList<(string, string)> query, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        var size = Math.Clamp(options.Value.PageSize, 1, 3000);
        var all = new List<T>();
        for (var page = 1; ; page++)
        {
            var parameters = query.Concat([("page[page]", page.ToString(CultureInfo.InvariantCulture)), ("page[per_page]", size.ToString(CultureInfo.InvariantCulture))]);
            var url = path + "?" + string.Join("&", parameters.Select(p => Uri.EscapeDataString(p.Item1) + "=" + Uri.EscapeDataString(p.Item2)));
            var (status, body, retryAfter) = await ExchangeAsync(endpoint, HttpMethod.Get, url, null, retryReads: true, cancellationToken);
            if (status != 200)
            {
                return DfeAnswer<IReadOnlyList<T>>.Failed(status, body is null ? [] : DfeJson.Errors(body), retryAfter);
            }

            int count;
            try
            {
                using var document = JsonDocument.Parse(body!);
                var data = document.RootElement.GetProperty("data");
                count = data.GetArrayLength();
                all.AddRange(data.EnumerateArray().Select(read));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return DfeAnswer<IReadOnlyList<T>>.Failed(502, [new DfeError("Unexpected answer", "DfE's answer was not in the v3 shape.")]);
            }

            if (count < size)
            {
                return DfeAnswer<IReadOnlyList<T>>.Ok(all);
            }
        }
    }

    private async Task<DfeAnswer<T>> SendAsync<T>(DfeEndpoint endpoint, HttpMethod method, string path, JsonObject? body, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        var (status, text, retryAfter) = await ExchangeAsync(endpoint, method, path, body?.ToJsonString(), retryReads: false, cancellationToken);
        if (status is < 200 or >= 300)
        {
            return DfeAnswer<T>.Failed(status, text is null ? [] : DfeJson.Errors(text), retryAfter);
        }

        try
        {
            using var document = JsonDocument.Parse(text!);
            return DfeAnswer<T>.Ok(read(document.RootElement.GetProperty("data")), status);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return DfeAnswer<T>.Failed(502, [new DfeError("Unexpected answer", "DfE's answer was not in the v3 shape.")]);
        }
    }

    private async Task<(int Status, string? Body, TimeSpan? RetryAfter)> ExchangeAsync(DfeEndpoint endpoint, HttpMethod method, string pathAndQuery, string? json, bool retryReads, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(ClientName);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, endpoint.BaseUrl.TrimEnd('/') + pathAndQuery);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.Token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("DfE {Method} {Path} could not be reached ({Error})", method, PathOnly(pathAndQuery), ex.GetType().Name);
                return (0, null, null);
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                var retryAfter = RetryAfter(response);
                logger.LogInformation("DfE {Method} {Path} answered {Status}", method, PathOnly(pathAndQuery), status);
                if (response.StatusCode == HttpStatusCode.TooManyRequests && retryReads && attempt < 4
                    && (retryAfter ?? TimeSpan.FromSeconds(1)) <= TimeSpan.FromSeconds(options.Value.MaxInlineWaitSeconds))
                {
                    await Task.Delay(retryAfter ?? TimeSpan.FromSeconds(1), cancellationToken);
                    continue;
                }

                return (status, text, retryAfter);
            }
        }
    }

    /// <summary>DfE's Retry-After, in seconds or as a date.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta;
        }

        return header.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }

    private static JsonObject Body(string type, JsonObject attributes) => new() { ["data"] = new JsonObject { ["type"] = type, ["attributes"] = attributes } };

    private static IReadOnlyList<(string, string)> Filter(params (string Name, string? Value)[] filters) =>
        filters.Where(f => !string.IsNullOrEmpty(f.Value)).Select(f => ($"filter[{f.Name}]", f.Value!)).ToList();

    private static string Id(string id) => Uri.EscapeDataString(id);

    private static string PathOnly(string pathAndQuery) => pathAndQuery.Split('?')[0];
}
