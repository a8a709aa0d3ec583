using System.Net.Http.Json;
using System.Numerics;
using Livepeer.Crypto;

namespace Livepeer.Discovery;

/// <summary>An orchestrator a source knows of: its service URI, trust score (1 trusted, 0 untrusted) and stake.</summary>
public sealed record OrchestratorCandidate(Uri Uri, double Score, BigInteger Stake);

/// <summary>Where the gateway finds orchestrators (see shared spec: network.md §3).</summary>
public interface IOrchestratorSource
{
    Task<IReadOnlyList<OrchestratorCandidate>> GetCandidatesAsync(CancellationToken cancellationToken);
}

/// <summary>go-livepeer's <c>-orchAddr</c>: a fixed list, every entry trusted.</summary>
public sealed class FixedOrchestratorSource(IEnumerable<Uri> uris) : IOrchestratorSource
{
    private readonly IReadOnlyList<OrchestratorCandidate> _candidates = [.. uris.Select(u => new OrchestratorCandidate(u, 1.0, BigInteger.Zero))];

    /// <summary>Parses go-livepeer's comma-separated list; entries without a scheme are https.</summary>
    public static FixedOrchestratorSource Parse(string list) => new(
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(a => new Uri(a.Contains("://", StringComparison.Ordinal) ? a : "https://" + a)));

    public Task<IReadOnlyList<OrchestratorCandidate>> GetCandidatesAsync(CancellationToken cancellationToken) => Task.FromResult(_candidates);
}

/// <summary>
/// go-livepeer's <c>-orchWebhookUrl</c> (<c>discovery/wh_discovery.go</c>): <c>GET</c> with a 3 s timeout returning
/// <c>[{"address":"https://host:port","score":1}]</c>, cached for 1 min; a failed refresh keeps the previous list.
/// </summary>
public sealed class WebhookOrchestratorSource(HttpClient http, Uri webhook, TimeProvider time) : IOrchestratorSource
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(3);

    private readonly RefreshingCache<IReadOnlyList<OrchestratorCandidate>> _candidates = new(CacheDuration, time, []);

    public Task<IReadOnlyList<OrchestratorCandidate>> GetCandidatesAsync(CancellationToken cancellationToken) =>
        _candidates.GetAsync(async (previous, ct) => await FetchAsync(ct) ?? previous, cancellationToken);

    private async Task<IReadOnlyList<OrchestratorCandidate>?> FetchAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            var entries = await http.GetFromJsonAsync<List<WebhookEntry>>(webhook, timeout.Token);
            return entries is null ? null
                : [.. entries.Where(e => Uri.TryCreate(e.Address, UriKind.Absolute, out _)).Select(e => new OrchestratorCandidate(new Uri(e.Address!), e.Score, BigInteger.Zero))];
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private sealed record WebhookEntry(string? Address, double Score);
}

/// <summary>One orchestrator of the on-chain pool: its address, service URI (ServiceRegistry) and total stake.</summary>
public sealed record PoolOrchestrator(EthAddress Address, Uri ServiceUri, BigInteger Stake);

/// <summary>
/// Reads the active transcoder pool (BondingManager <c>getFirstTranscoderInPool</c>/<c>getNextTranscoderInPool</c>,
/// stakes, ServiceRegistry URIs); implemented over the protocol's contract clients.
/// </summary>
public interface ITranscoderPoolReader
{
    Task<IReadOnlyList<PoolOrchestrator>> GetActivePoolAsync(CancellationToken cancellationToken);
}

/// <summary>go-livepeer's on-chain discovery: every active orchestrator, untrusted (score 0), with its stake.</summary>
public sealed class OnChainOrchestratorSource(ITranscoderPoolReader pool) : IOrchestratorSource
{
    public async Task<IReadOnlyList<OrchestratorCandidate>> GetCandidatesAsync(CancellationToken cancellationToken) =>
        [.. (await pool.GetActivePoolAsync(cancellationToken)).Select(o => new OrchestratorCandidate(o.ServiceUri, 0.0, o.Stake))];
}
