using System.Reflection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Npq.Web.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry traces and metrics (ASP.NET Core, HttpClient, SqlClient, the .NET runtime and Npq's own
/// <see cref="NpqMetrics"/>), exported over OTLP only when an endpoint is configured: <c>Telemetry:OtlpEndpoint</c>
/// (with <c>Telemetry:OtlpProtocol</c>, grpc or http/protobuf) or the standard <c>OTEL_EXPORTER_OTLP_*</c> variables.
/// Without one nothing is registered, so nothing is collected or sent. Resource: service.name "Npq", its version,
/// service.instance.id (<c>Telemetry:InstanceId</c>, else host name and process id) and the environment.
/// Span attributes never carry personal data: query strings are dropped, SQL is recorded without parameter values,
/// exception messages are not recorded and the probes are not traced.
/// </summary>
public static class NpqTelemetry
{
    public const string ServiceName = "Npq";

    /// <summary>The OTLP endpoint to export to, or null when telemetry is off.</summary>
    public static string? OtlpEndpoint(IConfiguration configuration) =>
        NonEmpty(configuration["Telemetry:OtlpEndpoint"]) ?? NonEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static IServiceCollection AddNpqTelemetry(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddMetrics();
        services.AddSingleton<NpqMetrics>();
        var endpoint = OtlpEndpoint(configuration);
        if (endpoint is null)
        {
            return services;
        }

        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => DescribeInstance(resource, configuration, environment))
            .WithTracing(tracing => ConfigureTracing(tracing))
            .WithMetrics(metrics => ConfigureMetrics(metrics));
        if (NonEmpty(configuration["Telemetry:OtlpEndpoint"]) is { } own)
        {
            var protocol = string.Equals(configuration["Telemetry:OtlpProtocol"], "http/protobuf", StringComparison.OrdinalIgnoreCase)
                ? OtlpExportProtocol.HttpProtobuf
                : OtlpExportProtocol.Grpc;
            builder.UseOtlpExporter(protocol, new Uri(own));
        }
        else
        {
            builder.UseOtlpExporter(); // OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS as the standard says
        }

        return services;
    }

    /// <summary>The resource every span and metric is tagged with.</summary>
    public static ResourceBuilder DescribeInstance(ResourceBuilder resource, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var instanceId = NonEmpty(configuration["Telemetry:InstanceId"]) ?? $"{Environment.MachineName}-{Environment.ProcessId}";
        var version = typeof(NpqTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return resource
            .AddService(ServiceName, serviceVersion: version, autoGenerateServiceInstanceId: false, serviceInstanceId: instanceId)
            .AddAttributes([new("deployment.environment.name", environment.EnvironmentName), new("host.name", Environment.MachineName)]);
    }

    /// <summary>What is traced: incoming requests (not the probes), outgoing HTTP calls and SQL Server commands.</summary>
    public static TracerProviderBuilder ConfigureTracing(TracerProviderBuilder tracing) => tracing
        .AddAspNetCoreInstrumentation(options =>
        {
            options.Filter = context => !context.Request.Path.StartsWithSegments("/health");
            options.RecordException = false;
            // A query string can hold an email address (search boxes, filters): none goes into a span.
            options.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
        })
        .AddHttpClientInstrumentation(options =>
        {
            options.RecordException = false;
            options.EnrichWithHttpRequestMessage = (activity, _) => activity.SetTag("url.query", null);
        })
        .AddSqlClientInstrumentation(options =>
        {
            // The statement text is recorded (Npq's SQL is parameterised, so it holds no one's data); parameter values
            // are not (the instrumentation records them only with an experimental switch Npq never sets).
            options.RecordException = false;
        });

    public static MeterProviderBuilder ConfigureMetrics(MeterProviderBuilder metrics) => metrics
        .AddAspNetCoreInstrumentation()
        .AddHttpClientInstrumentation()
        .AddSqlClientInstrumentation()
        .AddRuntimeInstrumentation()
        .AddMeter(NpqMetrics.MeterName);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
