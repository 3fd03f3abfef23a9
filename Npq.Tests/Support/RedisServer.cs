using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Npq.Tests.Support;

/// <summary>
/// One Redis (Debian's <c>redis-server</c>, installed by the test command) for the whole test run, started on a free
/// port the first time a test asks for it, with nothing saved to disk, and stopped when the run ends
/// (<see cref="TestRunServices"/>). Tests keep apart by giving each site its own <c>Redis:KeyPrefix</c>.
/// </summary>
public static class RedisServer
{
    private static readonly Lazy<(Process Process, int Port)> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The StackExchange.Redis configuration string of the run's Redis.</summary>
    public static string Configuration => "127.0.0.1:" + Server.Value.Port;

    /// <summary>Settings for a site that uses this Redis under its own key prefix.</summary>
    public static Dictionary<string, string?> SettingsFor(string prefix) => new()
    {
        ["Redis:Configuration"] = Configuration,
        ["Redis:KeyPrefix"] = prefix + ":",
    };

    internal static void StopIfStarted()
    {
        if (Server.IsValueCreated && !Server.Value.Process.HasExited)
        {
            Server.Value.Process.Kill(entireProcessTree: true);
            Server.Value.Process.WaitForExit(5000);
        }
    }

    private static (Process, int) Start()
    {
        var port = FreePort();
        return (StartOn(port), port);
    }

    /// <summary>A Redis of the caller's own on this port (which the caller stops), for a test that needs Redis to come
    /// up later than the site.</summary>
    internal static Process StartOn(int port)
    {
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not installed: run the tests with `bash .ci/test`, which installs it", ex);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server stopped at once (exit code {process.ExitCode})");
            }

            if (Pongs(port))
            {
                return process;
            }

            Thread.Sleep(50);
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("redis-server did not answer within 20 seconds");
    }

    private static bool Pongs(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
