using System.Diagnostics;
using System.Net;

namespace Npq.Tests.Support;

/// <summary>
/// The site as a real process (<c>dotnet Npq.Web.dll</c>, as built beside the tests), in Production, on a free port of
/// 127.0.0.1, with the given settings: an instance that can be killed. Its console output goes to a file in its own
/// folder, shown when it fails to start.
/// </summary>
public sealed class SiteProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _output;

    private SiteProcess(Process process, StreamWriter output, Uri address, string outputPath)
    {
        _process = process;
        _output = output;
        Address = address;
        OutputPath = outputPath;
    }

    public Uri Address { get; }

    public string OutputPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts an instance and waits until <c>/health/live</c> answers.</summary>
    public static async Task<SiteProcess> StartAsync(string name, string folder, IReadOnlyDictionary<string, string?> settings)
    {
        var port = RedisServer.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Name; // net10.0
        var build = Directory.GetParent(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))!.Name; // Debug or Release
        var dll = Path.Combine(RepoRoot.Path, "Npq.Web", "bin", build, configuration, "Npq.Web.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--contentRoot", Path.Combine(RepoRoot.Path, "Npq.Web"), "--urls", address.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var outputPath = Path.Combine(folder, name + ".out.log");
        var output = new StreamWriter(outputPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Write(output, e.Data);
        process.ErrorDataReceived += (_, e) => Write(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var site = new SiteProcess(process, output, address, outputPath);
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until && !process.HasExited)
        {
            try
            {
                if ((await client.GetAsync("/health/live")).StatusCode == HttpStatusCode.OK)
                {
                    return site;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        site.Dispose();
        throw new InvalidOperationException($"{name} did not start:\n" + File.ReadAllText(outputPath));
    }

    /// <summary>A client of this instance that keeps cookies in <paramref name="cookies"/> (share one container to
    /// move a browser between instances) and does not follow redirects.</summary>
    public HttpClient Client(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = Address,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>Kills the instance at once, as a crash or an evicted container would end it.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        lock (_output)
        {
            _output.Dispose();
        }
    }

    private static void Write(StreamWriter output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.BaseStream.CanWrite)
            {
                output.WriteLine(line);
            }
        }
    }
}
