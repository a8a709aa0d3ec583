using System.Diagnostics.CodeAnalysis;

namespace Livepeer.Storage;

/// <summary>A stand-in for ledger-like state: a balance, a nonce and a queue, with no public setters for the queue.</summary>
[GenerateSerializer]
public sealed class LedgerTestState
{
    [Id(0)]
    public long Deposit { get; set; }

    [Id(1)]
    public ulong Nonce { get; set; }

    [Id(2)]
    public List<string> Queue { get; } = [];
}

/// <summary>What the grain runtime hands a storage provider, with a non-null state for terse asserts.</summary>
public sealed class LedgerGrainState(LedgerTestState? state = null, string? eTag = null) : IGrainState<LedgerTestState>
{
    [AllowNull]
    public LedgerTestState State { get; set => field = value ?? new(); } = state ?? new();

    public string? ETag { get; set; } = eTag;

    public bool RecordExists { get; set; }
}
