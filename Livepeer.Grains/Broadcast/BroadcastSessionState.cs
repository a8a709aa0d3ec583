using Livepeer.Discovery;
using Livepeer.Payments;

namespace Livepeer.Broadcast;

/// <summary>
/// What a broadcast session keeps across the loss of its silo: the orchestrator it uses (URI, last
/// <c>OrchestratorInfo</c> as protobuf, starting price), the credit it holds there, its suspensions and the index of
/// its HLS window (the window's rendition bytes are in one <see cref="IHlsSegmentGrain"/> per segment). A new
/// activation goes on with the same orchestrator, credit and window; the ticket sender keeps its own nonces.
/// </summary>
[GenerateSerializer]
public sealed class BroadcastSessionState
{
    [Id(0)] public string? Orchestrator { get; set; }

    [Id(1)] public byte[]? Info { get; set; }

    [Id(2)] public PriceInfo? InitialPrice { get; set; }

    [Id(3)] public Suspender Suspender { get; set; } = new();

    /// <summary>The gateway's credit at <see cref="Orchestrator"/>, as of the last settled segment.</summary>
    [Id(4)] public BigRational Credit { get; set; }

    [Id(5)] public HlsWindowState Window { get; set; } = new();
}
