using System.Diagnostics;
using Google.Protobuf;
using Livepeer.Crypto;
using Livepeer.Net;

namespace Livepeer.Discovery;

/// <summary>An orchestrator that answered GetOrchestrator, with the round trip it took.</summary>
public sealed record DiscoveredOrchestrator(OrchestratorCandidate Candidate, OrchestratorInfo Info, TimeSpan Latency);

/// <summary>
/// go-livepeer's per-request discovery (<c>discovery/discovery.go</c> <c>GetOrchestrators</c>; see shared spec:
/// network.md §5): query the candidates concurrently; when the timer (500 ms) fires, stop if a good answer has
/// arrived, else double it, up to a 6 s cutoff; keep the answers that pass the pool predicate and the capability
/// check, fastest first.
/// </summary>
public sealed class OrchestratorDiscovery(OrchestratorClient client, EthKey gateway, TimeProvider time)
{
    public static readonly TimeSpan InitialTimeout = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan Cutoff = TimeSpan.FromSeconds(6);

    /// <summary>go-livepeer signs its address once at start (<c>starter.go</c>).</summary>
    private readonly OrchestratorRequest _request = new()
    {
        Address = ByteString.CopyFrom(gateway.Address.Span),
        Sig = ByteString.CopyFrom(gateway.SignPersonalKeccak(WireSignatures.OrchestratorRequestMessage(gateway.Address))),
    };

    public EthAddress Gateway => gateway.Address;

    /// <summary>One orchestrator's fresh info (session refresh), or an <see cref="OrchestratorException"/>.</summary>
    public async Task<OrchestratorInfo> GetOrchestratorAsync(Uri orchestrator, Capabilities job, CancellationToken cancellationToken)
    {
        var info = await client.GetOrchestratorAsync(orchestrator, Request(job), cancellationToken);
        return Rejection(info, job) is { } why ? throw new OrchestratorException(orchestrator, why) : info;
    }

    public async Task<IReadOnlyList<DiscoveredOrchestrator>> GetOrchestratorsAsync(
        IReadOnlyList<OrchestratorCandidate> candidates, int numOrchestrators, Capabilities job, CancellationToken cancellationToken)
    {
        var chosen = candidates.OrderBy(_ => Random.Shared.Next()).Take(numOrchestrators).ToList();
        var good = new List<DiscoveredOrchestrator>();
        if (chosen.Count == 0)
            return good;
        using var cutoff = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cutoff.CancelAfter(Cutoff);
        var request = Request(job);
        var pending = chosen.Select(c => QueryAsync(c, request, job, cutoff.Token)).ToList();
        var started = time.GetTimestamp();
        var timeout = InitialTimeout;
        var deadline = timeout;
        while (pending.Count > 0)
        {
            var wait = deadline - time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                var timer = Task.Delay(wait, time, cutoff.Token);
                var done = await Task.WhenAny([.. pending, timer]);
                if (done != timer)
                {
                    var task = (Task<DiscoveredOrchestrator?>)done;
                    pending.Remove(task);
                    if (await task is { } answer)
                        good.Add(answer);
                    continue;
                }
            }
            if (good.Count > 0 || cutoff.IsCancellationRequested || time.GetElapsedTime(started) >= Cutoff)
                break;
            timeout = TimeSpan.FromTicks(Math.Min(timeout.Ticks * 2, Cutoff.Ticks));
            deadline = TimeSpan.FromTicks(Math.Min((deadline + timeout).Ticks, Cutoff.Ticks));
        }
        // In-flight requests are not re-sent (#2337); the stragglers are cancelled.
        await cutoff.CancelAsync();
        return [.. good.OrderBy(g => g.Latency)];
    }

    private OrchestratorRequest Request(Capabilities job) => new(_request) { Capabilities = job };

    private async Task<DiscoveredOrchestrator?> QueryAsync(OrchestratorCandidate candidate, OrchestratorRequest request, Capabilities job, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var info = await client.GetOrchestratorAsync(candidate.Uri, request, cancellationToken);
            return Rejection(info, job) is null ? new DiscoveredOrchestrator(candidate, info, Stopwatch.GetElapsedTime(started)) : null;
        }
        catch (Exception e) when (e is OrchestratorException or OperationCanceledException or HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>The pool predicate (an address, ticket params, a non-negative price, a transcoder URI) and capabilities.</summary>
    private static string? Rejection(OrchestratorInfo info, Capabilities job) =>
        info.Address.Length != EthAddress.Length ? "no address"
        : info.TicketParams is null ? "no ticket params"
        : info.PriceInfo is not { PricePerUnit: >= 0, PixelsPerUnit: > 0 } ? "invalid price"
        : string.IsNullOrEmpty(info.Transcoder) || !Uri.TryCreate(info.Transcoder, UriKind.Absolute, out _) ? "no transcoder URI"
        : !CapabilitySet.IsCompatible(info.Capabilities, job) ? "incompatible capabilities"
        : null;
}
