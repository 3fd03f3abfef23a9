using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Npq.Tests.Web.Dfe;

/// <summary>One request Npq sent to DfE and the answer it got.</summary>
public sealed record DfeExchange(string Method, string PathAndQuery, string? RequestBody, int Status, string ResponseBody);

/// <summary>Records every exchange of the "dfe" HttpClient (added as its outermost handler in the tests).</summary>
public sealed class RecordingHandler(ConcurrentQueue<DfeExchange> log) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        log.Enqueue(new DfeExchange(request.Method.Method, request.RequestUri!.PathAndQuery, body, (int)response.StatusCode, text));
        return response;
    }
}

/// <summary>
/// DfE's OpenAPI 3.0 description (Npq.Tests/Specs) as JSON Schemas for JsonSchema.Net: the YAML read with YamlDotNet,
/// OpenAPI's <c>nullable</c> turned into JSON Schema's null type, its boolean <c>required</c> on properties dropped,
/// components under <c>$defs</c>. Checks a recorded exchange against the operation its method and path name: the query
/// parameters, the request body and the response body for its status, formats (uuid, date-time, date) included.
/// </summary>
public static class DfeContract
{
    private static readonly Lazy<JsonObject> Spec = new(Load);
    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new();
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    /// <summary>The problems with the exchange (empty when it keeps the contract); the fake's path prefix is ignored.</summary>
    public static IReadOnlyList<string> Check(DfeExchange exchange)
    {
        var problems = new List<string>();
        var path = exchange.PathAndQuery.Split('?')[0];
        var prefix = path.IndexOf("/api/v3/", StringComparison.Ordinal);
        path = prefix < 0 ? path : path[prefix..];
        var (template, operation) = FindOperation(exchange.Method, path);
        if (operation is null)
        {
            return [$"{exchange.Method} {path}: no such operation in the contract"];
        }

        var where = $"{exchange.Method} {template}";
        problems.AddRange(CheckQuery(operation, exchange.PathAndQuery, where));
        var requestRef = operation["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>();
        if (requestRef is not null)
        {
            problems.AddRange(Validate(requestRef, exchange.RequestBody, where + " request"));
        }
        else if (!string.IsNullOrEmpty(exchange.RequestBody))
        {
            problems.Add($"{where}: sent a body the contract does not define");
        }

        var response = operation["responses"]?[exchange.Status.ToString(CultureInfo.InvariantCulture)];
        var responseRef = response?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>();
        if (responseRef is not null)
        {
            problems.AddRange(Validate(responseRef, exchange.ResponseBody, $"{where} response {exchange.Status}"));
        }
        else if (exchange.Status is >= 200 and < 300)
        {
            problems.Add($"{where}: answered {exchange.Status}, which the contract does not define");
        }

        return problems;
    }

    /// <summary>The problems with <paramref name="json"/> as an instance of the component schema <paramref name="schemaName"/>.</summary>
    public static IReadOnlyList<string> Validate(string schemaName, string? json, string where)
    {
        var name = schemaName.Replace("#/components/schemas/", string.Empty, StringComparison.Ordinal);
        var schema = Schemas.GetOrAdd(name, Build);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json ?? string.Empty);
        }
        catch (JsonException ex)
        {
            return [$"{where}: not JSON ({ex.Message})"];
        }

        using (document)
        {
            var result = schema.Evaluate(document.RootElement, Options);
            return result.IsValid
                ? []
                : (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                    .SelectMany(d => d.Errors!.Select(e => $"{where} ({name}): {d.InstanceLocation} {e.Key}: {e.Value}"))
                    .DefaultIfEmpty($"{where} ({name}): invalid").ToList();
        }
    }

    private static (string Template, JsonObject? Operation) FindOperation(string method, string path)
    {
        var paths = Spec.Value["paths"]!.AsObject();
        foreach (var (template, item) in paths.OrderBy(p => p.Key.Count(c => c == '{')))
        {
            var pattern = "^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^/]+") + "$";
            if (Regex.IsMatch(path, pattern) && item?[method.ToLowerInvariant()] is JsonObject operation)
            {
                return (template, operation);
            }
        }

        return (path, null);
    }

    /// <summary>Every query key is <c>name[property]</c> of a deepObject parameter the operation declares, with a value of the property's type.</summary>
    private static IEnumerable<string> CheckQuery(JsonObject operation, string pathAndQuery, string where)
    {
        var query = pathAndQuery.Contains('?', StringComparison.Ordinal) ? pathAndQuery[(pathAndQuery.IndexOf('?', StringComparison.Ordinal) + 1)..] : string.Empty;
        var parameters = (operation["parameters"] as JsonArray ?? []).OfType<JsonObject>().Where(p => p["in"]?.GetValue<string>() == "query")
            .ToDictionary(p => p["name"]!.GetValue<string>(), p => p);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = Uri.UnescapeDataString(pair.Split('=')[0]);
            var value = Uri.UnescapeDataString(pair.Contains('=', StringComparison.Ordinal) ? pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..] : string.Empty);
            var match = Regex.Match(key, @"^(\w+)\[(\w+)\]$");
            if (!match.Success || !parameters.TryGetValue(match.Groups[1].Value, out var parameter))
            {
                yield return $"{where}: query parameter {key} is not in the contract";
                continue;
            }

            var schemaRef = parameter["schema"]?["$ref"]?.GetValue<string>();
            var property = schemaRef is null ? null : Component(schemaRef)["properties"]?[match.Groups[2].Value];
            if (property is null)
            {
                yield return $"{where}: query parameter {key} names no property of {schemaRef}";
            }
            else if (property["type"]?.GetValue<string>() == "integer" && !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                yield return $"{where}: {key}={value} is not an integer";
            }
        }
    }

    private static JsonObject Component(string reference) =>
        Spec.Value["components"]!["schemas"]![reference.Replace("#/components/schemas/", string.Empty, StringComparison.Ordinal)]!.AsObject();

    private static JsonSchema Build(string name)
    {
        var defs = OpenApiToJsonSchema(Spec.Value["components"]!["schemas"]!.DeepClone());
        var document = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = defs,
            ["$ref"] = "#/$defs/" + name,
        };
        var text = document.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        return JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri($"https://npq.test/dfe-v3/{name}"));
    }

    /// <summary>OpenAPI 3.0's schema dialect into JSON Schema 2020-12.</summary>
    private static JsonNode OpenApiToJsonSchema(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    if (o[key] is { } child && key is not ("enum" or "example" or "examples" or "default"))
                    {
                        o[key] = OpenApiToJsonSchema(child.DeepClone());
                    }
                }

                // OpenAPI marks a required property with "required: true" beside it; JSON Schema lists them on the parent.
                if (o["required"] is JsonValue)
                {
                    o.Remove("required");
                }

                o.Remove("example");
                if (o["nullable"] is JsonValue nullable)
                {
                    o.Remove("nullable");
                    if (nullable.GetValue<bool>())
                    {
                        if (o["type"] is JsonValue type)
                        {
                            o["type"] = new JsonArray(type.GetValue<string>(), "null");
                        }

                        if (o["enum"] is JsonArray values && values.All(v => v is not null))
                        {
                            values.Add(null);
                        }
                    }
                }

                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is { } item)
                    {
                        a[i] = OpenApiToJsonSchema(item.DeepClone());
                    }
                }

                return a;
            default:
                return node;
        }
    }

    private static JsonObject Load()
    {
        var path = Path.Combine(RepoRoot.Path, "Npq.Tests", "Specs", "dfe-npq-lead-provider-api-v3.yaml");
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        return (JsonObject)ToJson(yaml.Documents[0].RootNode)!;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            null or "" or "~" or "null" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
            _ => JsonValue.Create(value),
        };
    }
}
