using System.Collections.Concurrent;
using System.Diagnostics;
using Livepeer.Integration.Tests.Chain;

namespace Livepeer.Integration.Tests.AI;

/// <summary>
/// Runs the Node.js scripts next to these tests (the ai-runner stand-in, the SDK client) with the AI SDKs that
/// <c>scripts/install-prerequisites</c> puts under <c>.tools/ai-sdks</c> on the module path.
/// </summary>
public static class NodeScript
{
    public static string SdkModules
    {
        get
        {
            var modules = Path.Combine(LocalChainTools.ToolsDirectory, "ai-sdks", "node_modules");
            return Directory.Exists(Path.Combine(modules, "@livepeer", "ai"))
                ? modules
                : throw new InvalidOperationException($"@livepeer/ai not found under {modules}: run scripts/install-prerequisites (it installs the AI SDKs with npm)");
        }
    }

    public static ProcessStartInfo StartInfo(string script, params string[] arguments)
    {
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AI", script));
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        return info;
    }

    /// <summary>Runs a script to its end and returns its last line of output; fails with its output after <paramref name="deadline"/>.</summary>
    public static async Task<string> RunAsync(TimeSpan deadline, string script, params string[] arguments)
    {
        var info = StartInfo(script, arguments);
        info.Environment["NODE_PATH"] = SdkModules;
        using var process = Process.Start(info)!;
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"{script} {string.Join(' ', arguments)} did not finish within {deadline}:\n{string.Join('\n', output)}");
        }
        process.WaitForExit(); // flushes the redirected output
        return output.LastOrDefault(l => l.StartsWith('{'))
            ?? throw new InvalidOperationException($"{script} printed no result (exit {process.ExitCode}):\n{string.Join('\n', output)}");
    }
}
