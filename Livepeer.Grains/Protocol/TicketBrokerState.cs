using System.Numerics;
using Livepeer.Crypto;

namespace Livepeer.Protocol;

/// <summary>
/// Everything the embedded ledger knows: TicketBroker storage, plus the parts of the Controller (pause),
/// RoundsManager (rounds and their block hashes) and BondingManager (registered and active transcoders, fees
/// credited) that the TicketBroker reads or writes. Plain data so a grain can persist it; only
/// <see cref="EmbeddedTicketBroker"/> changes it.
/// </summary>
[GenerateSerializer]
public sealed class TicketBrokerState
{
    /// <summary>Rounds between <c>unlock()</c> and the first round <c>withdraw()</c> is allowed.</summary>
    [Id(0)] public long UnlockPeriod { get; set; } = EmbeddedTicketBroker.DefaultUnlockPeriod;

    /// <summary>Rounds a ticket can be redeemed in, counting its creation round.</summary>
    [Id(1)] public long TicketValidityPeriod { get; set; } = EmbeddedTicketBroker.DefaultTicketValidityPeriod;

    /// <summary>The Controller's pause switch; while set every state-changing call reverts.</summary>
    [Id(2)] public bool Paused { get; set; }

    /// <summary>RoundsManager <c>currentRound()</c>: the round the chain's clock is in.</summary>
    [Id(3)] public long CurrentRound { get; set; }

    /// <summary>
    /// RoundsManager <c>lastInitializedRound</c>. -1 until the first <c>initializeRound</c>; on chain it starts at
    /// 0, which would count round 0 as initialized without a block hash.
    /// </summary>
    [Id(4)] public long LastInitializedRound { get; set; } = -1;

    /// <summary>RoundsManager <c>blockHashForRound</c>: the hash stored when each round was initialized.</summary>
    [Id(5)] public Dictionary<long, Hash32> BlockHashes { get; set; } = [];

    [Id(6)] public Dictionary<EthAddress, SenderAccount> Senders { get; set; } = [];

    /// <summary>
    /// <c>usedTickets</c>: the hashes of redeemed tickets, each with its creation round so expired ones can be
    /// pruned (see <see cref="EmbeddedTicketBroker.PruneExpiredUsedTickets"/>).
    /// </summary>
    [Id(7)] public Dictionary<Hash32, long> UsedTickets { get; set; } = [];

    /// <summary>What the TicketBroker paid into BondingManager.updateTranscoderWithFees, per recipient, in wei.</summary>
    [Id(8)] public Dictionary<EthAddress, BigInteger> FeesCredited { get; set; } = [];

    /// <summary>BondingManager <c>isRegisteredTranscoder</c>: a redemption that pays anything needs it.</summary>
    [Id(9)] public HashSet<EthAddress> RegisteredTranscoders { get; set; } = [];

    /// <summary>BondingManager <c>isActiveTranscoder</c> for the current round: only these can claim reserve.</summary>
    [Id(10)] public HashSet<EthAddress> ActiveTranscoders { get; set; } = [];

    /// <summary>BondingManager <c>getTranscoderPoolSize()</c>, the divisor of every reserve allocation.</summary>
    [Id(11)] public int TranscoderPoolSize { get; set; }
}

/// <summary>A ticket sender's TicketBroker account: its <c>Sender</c> struct and its <c>Reserve</c>.</summary>
[GenerateSerializer]
public sealed class SenderAccount
{
    [Id(0)] public BigInteger Deposit { get; set; }

    /// <summary>0 when no unlock was requested. Kept after a withdrawal, as the contract does.</summary>
    [Id(1)] public long WithdrawRound { get; set; }

    [Id(2)] public ReserveAccount Reserve { get; set; } = new();
}

/// <summary>
/// MixinReserve's <c>Reserve</c>: the funds left and what was claimed in the current round, in total and per
/// claimant. The contract keys the claims by round and only ever reads the current round, and rounds only move
/// forward, so only the latest claim round is kept: claims recorded for an earlier round read as zero.
/// </summary>
[GenerateSerializer]
public sealed class ReserveAccount
{
    [Id(0)] public BigInteger Funds { get; set; }

    /// <summary>The round <see cref="ClaimedForRound"/> and <see cref="ClaimedByAddress"/> belong to.</summary>
    [Id(1)] public long ClaimsRound { get; set; }

    [Id(2)] public BigInteger ClaimedForRound { get; set; }

    [Id(3)] public Dictionary<EthAddress, BigInteger> ClaimedByAddress { get; set; } = [];
}
