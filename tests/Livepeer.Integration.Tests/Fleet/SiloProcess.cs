using System.Diagnostics;
using Livepeer.Integration.Tests.Media;

namespace Livepeer.Integration.Tests.Fleet;

/// <summary>
/// One silo of a fleet as its own operating-system process (<c>dotnet Livepeer.Silo.dll</c>), on free loopback
/// ports, logging JSON lines to a file. Started again on the same ports after a kill, as a restarted host would be.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly string _name;
    private readonly string _directory;
    private readonly IReadOnlyList<string> _arguments;
    private Process? _process;
    private int _starts;

    /// <param name="redis">The fleet's Redis; null runs the silo as an embedded node (localhost clustering, file storage).</param>
    public SiloProcess(string name, string directory, string roles, string? redis, IEnumerable<string> extraArguments)
    {
        _name = name;
        _directory = directory;
        DataDirectory = Path.Combine(directory, "data");
        Directory.CreateDirectory(directory);
        _arguments =
        [
            Path.Combine(AppContext.BaseDirectory, "Livepeer.Silo.dll"),
            .. redis is null ? Array.Empty<string>() : ["--cluster=redis", $"--redis={redis}"],
            $"--roles={roles}",
            $"--httpAddr=127.0.0.1:{HttpPort}",
            $"--serviceAddr=127.0.0.1:{ServicePort}",
            $"--siloPort={SiloPort}",
            $"--orleansGatewayPort={FreePorts.Next()}",
            $"--dataDir={DataDirectory}",
            "--Node:LogFormat=json",
            .. extraArguments,
        ];
    }

    /// <summary>The node's <c>--dataDir</c> (keys, and grain state of an embedded node).</summary>
    public string DataDirectory { get; }

    public int HttpPort { get; } = FreePorts.Next();

    public int ServicePort { get; } = FreePorts.Next();

    public int SiloPort { get; } = FreePorts.Next();

    public Uri HttpUrl => new($"http://127.0.0.1:{HttpPort}");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The operating-system process id, for reading its memory from <c>/proc</c>.</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException($"silo {_name} is not running");

    /// <summary>Starts the process and waits until <c>/readyz</c> says the silo is an active cluster member.</summary>
    public async Task StartAsync(HttpClient http, TimeSpan timeout)
    {
        var log = Path.Combine(_directory, $"{_name}-{++_starts}.log");
        var start = new ProcessStartInfo("dotnet", _arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException($"silo {_name} did not start");
        var writer = new StreamWriter(log) { AutoFlush = true };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        _process.Exited += (_, _) => { lock (writer) writer.Dispose(); };
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"silo {_name} exited with {_process.ExitCode} while starting; see {log}");
            try
            {
                using var response = await http.GetAsync(new Uri(HttpUrl, "/readyz"));
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"silo {_name} was not ready within {timeout}; see {log}");
            await Task.Delay(100);
        }
    }

    /// <summary><c>kill -9</c>: the host dies with the work it had.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException($"silo {_name} is not running");
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: the silo leaves the cluster gracefully and exits.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException($"silo {_name} is not running");
        UnixSignals.Terminate(process.Id);
        using var deadline = new CancellationTokenSource(timeout);
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
}
