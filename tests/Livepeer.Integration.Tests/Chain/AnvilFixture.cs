using System.Collections.Concurrent;
using System.Diagnostics;
using Livepeer.Crypto;
using Livepeer.Ethereum;
using Livepeer.Integration.Tests.Media;

namespace Livepeer.Integration.Tests.Chain;

/// <summary>
/// A local anvil chain with Arbitrum One's chain id on a free loopback port, shared by the tests of a class. It owns the
/// anvil process and kills it (by its PID) on dispose. See shared spec: protocol-contracts.md §16.3.
/// </summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    public const long ChainId = 42161;

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(15);

    private readonly HttpClient http = new() { Timeout = Timeout.InfiniteTimeSpan }; // the client's Polly timeout governs
    private readonly ConcurrentQueue<string> output = new();
    private Process? process;
    private JsonRpcClient? rpc;

    public Uri Endpoint { get; private set; } = null!;

    public JsonRpcClient Rpc => rpc ?? throw new InvalidOperationException("anvil is not started");

    /// <summary>anvil's ten unlocked dev accounts, each with 10,000 ETH; <c>Accounts[0]</c> deploys.</summary>
    public IReadOnlyList<EthAddress> Accounts { get; private set; } = [];

    public int ProcessId => process?.Id ?? 0;

    public async Task InitializeAsync()
    {
        var anvil = LocalChainTools.Anvil;

        // The free port is found before anvil binds it, so another server may take it first: then try another.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePorts.Next();
            Endpoint = new Uri($"http://127.0.0.1:{port}/");
            process = Start(anvil, port);
            if (await WaitUntilAnsweringAsync(process))
            {
                break;
            }

            var log = string.Join('\n', output);
            if (attempt == 3 || !log.Contains("in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"anvil exited with code {process.ExitCode} before answering on {Endpoint}:\n{log}");
            }

            process.Dispose();
            output.Clear();
        }

        rpc = new JsonRpcClient(http, new JsonRpcClientOptions(Endpoint)
        {
            RequestTimeout = TimeSpan.FromSeconds(30),
            RetryBaseDelay = TimeSpan.FromMilliseconds(50),
            ReceiptPollInterval = TimeSpan.FromMilliseconds(20),
        });
        Accounts = await rpc.AccountsAsync();
    }

    public async Task DisposeAsync()
    {
        if (process is { } anvil)
        {
            if (!anvil.HasExited)
            {
                anvil.Kill(); // this process only, by its PID
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await anvil.WaitForExitAsync(deadline.Token);
            }

            anvil.Dispose();
        }

        http.Dispose();
    }

    private Process Start(string anvil, int port)
    {
        var start = new ProcessStartInfo(anvil)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--host", "127.0.0.1", "--port", $"{port}", "--chain-id", $"{ChainId}", "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        var started = Process.Start(start) ?? throw new InvalidOperationException($"could not start {anvil}");
        started.OutputDataReceived += (_, e) => Keep(e.Data);
        started.ErrorDataReceived += (_, e) => Keep(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return started;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 50 && output.TryDequeue(out _))
        {
        }
    }

    /// <summary>True once eth_blockNumber answers; false when anvil exits first. Throws after <see cref="StartDeadline"/>.</summary>
    private async Task<bool> WaitUntilAnsweringAsync(Process anvil)
    {
        var probe = new JsonRpcClient(http, new JsonRpcClientOptions(Endpoint)
        {
            MaxRetryAttempts = 0,
            RequestTimeout = TimeSpan.FromSeconds(2),
        });
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await probe.BlockNumberAsync();
                return true;
            }
            catch (JsonRpcTransportException) when (!anvil.HasExited && watch.Elapsed < StartDeadline)
            {
                // not listening yet (about 0.25 s after launch; shared spec §16.3)
            }
            catch (JsonRpcTransportException) when (anvil.HasExited)
            {
                await anvil.WaitForExitAsync(); // flushes the redirected output
                return false;
            }
            catch (JsonRpcTransportException e)
            {
                anvil.Kill();
                throw new TimeoutException(
                    $"anvil (PID {anvil.Id}) did not answer eth_blockNumber on {Endpoint} within {StartDeadline.TotalSeconds} s: {e.Message}\n" +
                    string.Join('\n', output));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }
    }
}
