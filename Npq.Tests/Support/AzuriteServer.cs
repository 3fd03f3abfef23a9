using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Npq.Tests.Support;

/// <summary>
/// Azurite's blob service (the Azure Storage emulator, from npm in Npq.Tests/node_modules; <c>.ci/test</c> installs
/// it) started on a free port over a temporary folder the first time a test asks for <see cref="ConnectionString"/>,
/// shared by the whole run and stopped at its end (<see cref="AzuriteShutdown"/>, or the process's exit). It also
/// ends on its own when this process dies: it watches its standard input, a pipe from here that closes with us.
/// Each test uses a container of its own (<see cref="NewContainerName"/>).
/// </summary>
public static class AzuriteServer
{
    /// <summary>Azurite's well-known development account (public, the same in every Azurite).</summary>
    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly object Gate = new();
    private static Running? _running;

    /// <summary>A connection string to the running Azurite (started on first use).</summary>
    public static string ConnectionString => Start().ConnectionString;

    /// <summary>The blob endpoint, e.g. http://127.0.0.1:41234/devstoreaccount1.</summary>
    public static Uri BlobEndpoint => Start().BlobEndpoint;

    /// <summary>A container name no other test uses.</summary>
    public static string NewContainerName(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)];

    /// <summary>Stops Azurite if this run started it, and removes its folder.</summary>
    public static void Stop()
    {
        lock (Gate)
        {
            _running?.Dispose();
            _running = null;
        }
    }

    private static Running Start()
    {
        lock (Gate)
        {
            return _running ??= Running.Launch();
        }
    }

    private sealed class Running : IDisposable
    {
        private readonly Process _process;
        private readonly string _folder;

        private Running(Process process, string folder, int port)
        {
            _process = process;
            _folder = folder;
            BlobEndpoint = new Uri($"http://127.0.0.1:{port}/{Account}");
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";
        }

        public string ConnectionString { get; }

        public Uri BlobEndpoint { get; }

        public static Running Launch()
        {
            var main = Path.Combine(RepoRoot.Path, "Npq.Tests", "node_modules", "azurite", "dist", "src", "blob", "main.js");
            if (!File.Exists(main))
            {
                throw new InvalidOperationException($"Azurite is not installed ({main} is missing): run `npm ci` in Npq.Tests (.ci/test does it).");
            }

            var folder = Path.Combine(Path.GetTempPath(), "npq-tests", "azurite-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var watch = Path.Combine(folder, "exit-with-parent.js");
            File.WriteAllText(watch, "process.stdin.on('end', () => process.exit(0)); process.stdin.resume();\n");
            var port = FreePort();
            var start = new ProcessStartInfo("node")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = folder,
            };
            foreach (var argument in new[]
            {
                "-r", watch, main, "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--location", Path.Combine(folder, "data"), "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            })
            {
                start.ArgumentList.Add(argument);
            }

            var output = new StringBuilder();
            var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var running = new Running(process, folder, port);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => running.Dispose();

            var clock = Stopwatch.StartNew();
            while (!Accepts(port))
            {
                if (process.HasExited || clock.Elapsed > StartTimeout)
                {
                    running.Dispose();
                    throw new InvalidOperationException($"Azurite did not start on port {port} within {StartTimeout.TotalSeconds:0} s: {output}");
                }

                Thread.Sleep(100);
            }

            return running;
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            _process.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // The OS cleans its temp folder.
            }
        }

        private static void Append(StringBuilder output, string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private static bool Accepts(int port)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }
}
