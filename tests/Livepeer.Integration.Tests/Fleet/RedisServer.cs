using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Livepeer.Integration.Tests.Media;

namespace Livepeer.Integration.Tests.Fleet;

/// <summary>
/// A real <c>redis-server</c> (apt, installed by scripts/install-prerequisites) on a free loopback port, with an
/// append-only file so that a restart keeps the cluster's membership, grain state and reminders. (Testcontainers
/// needs a Docker engine, which the machines this runs on do not have.)
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory;
    private Process? _process;

    public RedisServer(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    public int Port { get; } = FreePorts.Next();

    public string ConnectionString => $"127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo("redis-server",
            [
                "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _directory, "--save", "",
                "--appendonly", "yes", "--appendfsync", "always", "--daemonize", "no", "--logfile", Path.Combine(_directory, "redis.log"),
            ])
        {
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("redis-server did not start");
        await WaitForPongAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>SIGTERM: Redis finishes its append-only file and exits.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
            return;
        UnixSignals.Terminate(process.Id);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(deadline.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
    }

    private async Task WaitForPongAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                    return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow >= deadline || _process!.HasExited)
                throw new TimeoutException($"redis-server on port {Port} did not answer PING within {timeout}");
            await Task.Delay(50);
        }
    }
}
