using System.Collections.Concurrent;
using System.Diagnostics;
using Livepeer.Integration.Tests.Media;

namespace Livepeer.Integration.Tests.AI;

/// <summary>
/// One ai-runner-compatible test runner (<c>ai-test-runner.cjs</c>) as a separate process on a free loopback port.
/// It answers <c>/health</c> before this returns, and is killed (by its PID) on dispose.
/// </summary>
public sealed class TestRunnerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private TestRunnerProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<TestRunnerProcess> StartAsync(HttpClient http, string mode = "normal", string? token = null)
    {
        var port = FreePorts.Next();
        var arguments = new List<string> { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--mode", mode };
        if (token is not null)
            arguments.AddRange(["--token", token]);
        var process = Process.Start(NodeScript.StartInfo("ai-test-runner.cjs", [.. arguments]))!;
        var runner = new TestRunnerProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) runner._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) runner._output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(StartDeadline);
        while (true)
        {
            try
            {
                using var health = await http.GetAsync(new Uri(runner.Url, "health"), deadline.Token);
                if (health.IsSuccessStatusCode)
                    return runner;
            }
            catch (HttpRequestException) when (!process.HasExited)
            {
                await Task.Delay(50, deadline.Token); // polling the runner's start, bounded by the deadline
            }
            catch (OperationCanceledException)
            {
                break;
            }
            if (process.HasExited)
                break;
        }
        await runner.DisposeAsync();
        throw new InvalidOperationException($"the test runner did not answer /health within {StartDeadline}:\n{string.Join('\n', runner._output)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(); // this process only, by its PID
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(deadline.Token);
        }
        _process.Dispose();
    }
}
