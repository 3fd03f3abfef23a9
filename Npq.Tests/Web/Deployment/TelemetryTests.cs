using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Npq.Web.Infrastructure.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Npq.Tests.Web.Deployment;

/// <summary>
/// OpenTelemetry: off (nothing registered) without an OTLP endpoint; with one, requests are traced with their route
/// and no personal data, SQL Server commands are traced (checked without a server, through the events SqlClient
/// raises), Npq's own file store metrics are recorded, and everything reaches the OTLP endpoint tagged with the
/// service and instance.
/// </summary>
public sealed class TelemetryTests : WebFixture
{
    private const string Email = "someone.private@example.org";
    private const string InstanceId = "npq-test-instance-7";

    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly List<Metric> _metrics = [];
    private readonly OtlpReceiver _receiver = new();

    protected override NpqWebFactory CreateFactory()
    {
        return new NpqWebFactory(
            new Dictionary<string, string?>
            {
                ["Telemetry:OtlpEndpoint"] = _receiver.Endpoint,
                ["Telemetry:OtlpProtocol"] = "http/protobuf",
                ["Telemetry:InstanceId"] = InstanceId,
            },
            services =>
            {
                services.AddTestAuthentication();
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new SimpleActivityExportProcessor(new SpanCollector(_spans))));
                services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics));
            });
    }

    [OneTimeTearDown]
    public void StopReceiver() => _receiver.Dispose();

    [Test]
    public void WithoutAnEndpoint_NothingIsRegistered_SoNothingIsCollectedOrSent()
    {
        var services = new ServiceCollection();
        var environment = Mock.Of<IWebHostEnvironment>(e => e.EnvironmentName == "Production");

        services.AddNpqTelemetry(new ConfigurationBuilder().Build(), environment);
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetService<TracerProvider>(), Is.Null);
        Assert.That(provider.GetService<MeterProvider>(), Is.Null);
        Assert.That(provider.GetService<NpqMetrics>(), Is.Not.Null, "Npq's meters exist, with no listener");
    }

    [Test]
    public async Task ARequest_IsAServerSpanNamedByItsRoute_WithoutTheQueryString()
    {
        using var client = Factory.ClientFor("candidate1@npq.example");

        var search = await client.GetAsync("/frameworks/search?q=" + Uri.EscapeDataString(Email));
        var framework = await client.GetAsync("/frameworks/npqsl?email=" + Uri.EscapeDataString(Email));
        Factory.Services.GetRequiredService<TracerProvider>().ForceFlush();

        var server = _spans.Where(s => s.Kind == ActivityKind.Server).ToList();
        var searchSpan = server.SingleOrDefault(s => s.GetTagItem("url.path") as string == "/frameworks/search");
        var frameworkSpan = server.SingleOrDefault(s => s.GetTagItem("url.path") as string == "/frameworks/npqsl");
        Assert.That(search.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(framework.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(searchSpan, Is.Not.Null);
        Assert.That(frameworkSpan, Is.Not.Null);
        Assert.That(searchSpan!.GetTagItem("http.route"), Is.EqualTo("frameworks/search"));
        Assert.That(frameworkSpan!.GetTagItem("http.route"), Is.EqualTo("frameworks/{code}"));
        Assert.That(frameworkSpan.DisplayName, Is.EqualTo("GET frameworks/{code}"));
        Assert.That(frameworkSpan.GetTagItem("http.response.status_code"), Is.EqualTo(200));
        foreach (var span in server)
        {
            Assert.That(span.TagObjects.Select(t => t.Value?.ToString() ?? string.Empty), Has.None.Contain("someone.private"), "no email in any attribute");
            Assert.That(span.GetTagItem("url.query"), Is.Null);
        }
    }

    [Test]
    public async Task TheProbes_AreNotTraced()
    {
        using var client = Factory.NewClient();

        var live = await client.GetAsync("/health/live");
        Factory.Services.GetRequiredService<TracerProvider>().ForceFlush();

        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_spans.Select(s => s.GetTagItem("url.path") as string), Has.None.StartWith("/health"));
    }

    [Test]
    public void SqlServerCommands_AreTraced_CheckedThroughSqlClientsOwnEventsWithoutAServer()
    {
        // Microsoft.Data.SqlClient reports each command on this diagnostic listener; the instrumentation turns the
        // before/after pair into a client span. The command is never executed: no server is needed.
        using var connection = new SqlConnection("Server=sql.example.internal;Database=npq;User Id=npq;Password=not-a-real-one;Encrypt=true");
        using var command = new SqlCommand("SELECT Id FROM Cohorts WHERE Id = @id", connection);
        command.Parameters.AddWithValue("@id", 42);
        using var sqlClient = new DiagnosticListener("SqlClientDiagnosticListener");
        var operationId = Guid.NewGuid();
        var enabled = sqlClient.IsEnabled("Microsoft.Data.SqlClient.WriteCommandBefore");

        using (var parent = new ActivitySource("Npq.Tests.Telemetry").StartActivity("parent"))
        {
            sqlClient.Write("Microsoft.Data.SqlClient.WriteCommandBefore",
                new { OperationId = operationId, Operation = "ExecuteReader", ConnectionId = Guid.NewGuid(), Command = command, Timestamp = Stopwatch.GetTimestamp() });
            sqlClient.Write("Microsoft.Data.SqlClient.WriteCommandAfter",
                new { OperationId = operationId, Operation = "ExecuteReader", ConnectionId = Guid.NewGuid(), Command = command, Statistics = (object?)null, Timestamp = Stopwatch.GetTimestamp() });
        }

        Factory.Services.GetRequiredService<TracerProvider>().ForceFlush();

        var span = _spans.LastOrDefault(s => s.Kind == ActivityKind.Client && s.Source.Name.Contains("SqlClient", StringComparison.Ordinal));
        Assert.That(enabled, Is.True, "the SqlClient instrumentation listens");
        Assert.That(span, Is.Not.Null, "a client span for the command");
        Assert.That(span!.TagObjects.Select(t => t.Key), Has.Some.StartWith("db."));
        Assert.That(span.TagObjects.Select(t => t.Value?.ToString() ?? string.Empty), Has.None.Contain("not-a-real-one").And.None.EqualTo("42"), "no password or parameter value");
    }

    [Test]
    public async Task FileStoreOperations_AreMeasuredOnNpqsMeter()
    {
        using var client = Factory.NewClient();

        var ready = await client.GetAsync("/health/ready"); // stores, reads and deletes a probe file
        Factory.Services.GetRequiredService<MeterProvider>().ForceFlush();

        var durations = _metrics.Where(m => m.MeterName == NpqMetrics.MeterName && m.Name == "npq.file_store.duration").ToList();
        var operations = new HashSet<string>();
        foreach (var metric in durations)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    if (tag.Key == "operation")
                    {
                        operations.Add((string)tag.Value!);
                    }
                }
            }
        }

        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(operations, Is.SupersetOf(new[] { "save", "open", "delete" }));
    }

    [Test]
    public async Task Traces_AreExportedOverOtlp_TaggedWithTheServiceAndInstance()
    {
        using var client = Factory.ClientFor("candidate1@npq.example");

        await client.GetAsync("/frameworks");

        // The request's span ends as the server finishes with it, which may be just after the client has the response:
        // flush until a batch carrying it arrives (a loaded machine ran the flush before the span ended).
        var traces = new List<(string Path, string? ContentType, byte[] Body)>();
        for (var attempt = 0; attempt < 50 && !traces.Any(t => Encoding.UTF8.GetString(t.Body).Contains("frameworks", StringComparison.Ordinal)); attempt++)
        {
            Factory.Services.GetRequiredService<TracerProvider>().ForceFlush();
            traces = _receiver.Received.Where(r => r.Path == "/v1/traces").ToList();
            if (!traces.Any(t => Encoding.UTF8.GetString(t.Body).Contains("frameworks", StringComparison.Ordinal)))
            {
                await Task.Delay(100);
            }
        }

        Assert.That(traces, Is.Not.Empty);
        Assert.That(traces[^1].ContentType, Is.EqualTo("application/x-protobuf"));
        var body = Encoding.UTF8.GetString(traces[^1].Body);
        Assert.That(body, Does.Contain("Npq").And.Contain(InstanceId).And.Contain("frameworks"));
    }

    private sealed class SpanCollector(ConcurrentQueue<Activity> spans) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var span in batch)
            {
                spans.Enqueue(span);
            }

            return ExportResult.Success;
        }
    }

    /// <summary>A minimal OTLP/HTTP endpoint: accepts every export and keeps what it got.</summary>
    private sealed class OtlpReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        public OtlpReceiver()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Endpoint = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Endpoint + "/");
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public string Endpoint { get; }

        public ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> Received { get; } = new();

        public void Dispose()
        {
            _listener.Close();
            try
            {
                _loop.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // The listener was closed under the loop.
            }
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                Received.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }
    }
}
