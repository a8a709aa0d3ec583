using Livepeer.Discovery;
using Livepeer.Payments;

namespace Livepeer.Broadcast;

/// <summary>
/// What a broadcast session keeps across the loss of its silo: the orchestrator it uses (URI, last
/// <c>OrchestratorInfo</c> as protobuf, starting price) and its suspensions. Credit and the HLS window are not kept:
/// a new activation starts a new payment session with the same orchestrator.
/// </summary>
[GenerateSerializer]
public sealed class BroadcastSessionState
{
    [Id(0)] public string? Orchestrator { get; set; }

    [Id(1)] public byte[]? Info { get; set; }

    [Id(2)] public PriceInfo? InitialPrice { get; set; }

    [Id(3)] public Suspender Suspender { get; set; } = new();
}
