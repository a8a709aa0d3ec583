using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Ethereum;

namespace Livepeer.Protocol.Ethereum;

/// <summary>A transcoder's (orchestrator's) on-chain state, <c>getTranscoder</c>'s ten words in order (shared spec §7.1).</summary>
public sealed record TranscoderInfo(
    BigInteger LastRewardRound,
    BigInteger RewardCut,
    BigInteger FeeShare,
    BigInteger LastActiveStakeUpdateRound,
    BigInteger ActivationRound,
    BigInteger DeactivationRound,
    BigInteger ActiveCumulativeRewards,
    BigInteger CumulativeRewards,
    BigInteger CumulativeFees,
    BigInteger LastFeeRound);

/// <summary>A member of the transcoder pool with its total delegated stake, the key the pool is sorted by (descending).</summary>
public sealed record TranscoderPoolMember(EthAddress Address, BigInteger TotalStake);

/// <summary>
/// Bonding, orchestrator registration, rewards and fees (see shared spec: protocol-contracts.md §7.3). Rates are in
/// 1e6 units (100000 = 10 %).
/// </summary>
public sealed class BondingManagerClient(EthAddress address, ContractCaller caller, TransactionSender? sender = null)
    : ContractClient(address, caller, sender)
{
    public const int PercDivisor = 1_000_000;

    public static readonly AbiFunction Bond = AbiFunction.Parse("bond(uint256,address)");
    public static readonly AbiFunction Transcoder = AbiFunction.Parse("transcoder(uint256,uint256)");
    public static readonly AbiFunction Reward = AbiFunction.Parse("reward()");
    public static readonly AbiFunction RewardWithHint = AbiFunction.Parse("rewardWithHint(address,address)");
    public static readonly AbiFunction WithdrawFees = AbiFunction.Parse("withdrawFees(address,uint256)");
    public static readonly AbiFunction GetFirstTranscoderInPool = AbiFunction.Parse("getFirstTranscoderInPool() returns (address)");
    public static readonly AbiFunction GetNextTranscoderInPool = AbiFunction.Parse("getNextTranscoderInPool(address) returns (address)");
    public static readonly AbiFunction GetTranscoderPoolSize = AbiFunction.Parse("getTranscoderPoolSize() returns (uint256)");
    public static readonly AbiFunction TranscoderTotalStake = AbiFunction.Parse("transcoderTotalStake(address) returns (uint256)");
    public static readonly AbiFunction PendingStake = AbiFunction.Parse("pendingStake(address,uint256) returns (uint256)");
    public static readonly AbiFunction PendingFees = AbiFunction.Parse("pendingFees(address,uint256) returns (uint256)");
    public static readonly AbiFunction GetTranscoder = AbiFunction.Parse(
        "getTranscoder(address) returns (uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256)");
    public static readonly AbiFunction IsActiveTranscoder = AbiFunction.Parse("isActiveTranscoder(address) returns (bool)");
    public static readonly AbiFunction IsRegisteredTranscoder = AbiFunction.Parse("isRegisteredTranscoder(address) returns (bool)");

    public static IReadOnlyList<AbiFunction> Functions { get; } =
        [Bond, Transcoder, Reward, RewardWithHint, WithdrawFees, GetFirstTranscoderInPool, GetNextTranscoderInPool, GetTranscoderPoolSize,
         TranscoderTotalStake, PendingStake, PendingFees, GetTranscoder, IsActiveTranscoder, IsRegisteredTranscoder];

    /// <summary>Bonds <paramref name="amount"/> LPT to <paramref name="to"/>; the caller must first approve this contract.</summary>
    public Task<TransactionReceipt> BondAsync(BigInteger amount, EthAddress to, CancellationToken cancellationToken = default) =>
        SendAsync(Bond, cancellationToken, amount, to);

    /// <summary>Registers or updates the caller as a transcoder; it joins the pool for the next round.</summary>
    public Task<TransactionReceipt> TranscoderAsync(long rewardCut, long feeShare, CancellationToken cancellationToken = default) =>
        SendAsync(Transcoder, cancellationToken, rewardCut, feeShare);

    public Task<TransactionReceipt> RewardAsync(CancellationToken cancellationToken = default) => SendAsync(Reward, cancellationToken);

    /// <summary>
    /// reward with the caller's new position in the pool given as its neighbours (zero address for none); wrong hints
    /// still work, the list then searches from them linearly (shared spec §7.2).
    /// </summary>
    public Task<TransactionReceipt> RewardWithHintAsync(EthAddress newPosPrev, EthAddress newPosNext, CancellationToken cancellationToken = default) =>
        SendAsync(RewardWithHint, cancellationToken, newPosPrev, newPosNext);

    /// <summary>Sends <paramref name="amount"/> wei of the caller's collected fees to <paramref name="recipient"/> (spec §7.3).</summary>
    public Task<TransactionReceipt> WithdrawFeesAsync(EthAddress recipient, BigInteger amount, CancellationToken cancellationToken = default) =>
        SendAsync(WithdrawFees, cancellationToken, recipient, amount);

    public Task<BigInteger> GetTranscoderPoolSizeAsync(CancellationToken cancellationToken = default) =>
        CallAsync<BigInteger>(GetTranscoderPoolSize, cancellationToken);

    public Task<BigInteger> TranscoderTotalStakeAsync(EthAddress transcoder, CancellationToken cancellationToken = default) =>
        CallAsync<BigInteger>(TranscoderTotalStake, cancellationToken, transcoder);

    /// <summary>
    /// The pool (next round's active set) in its on-chain order, highest stake first: <c>getFirstTranscoderInPool</c>,
    /// then <c>getNextTranscoderInPool</c> until the zero address, as go-livepeer's <c>TranscoderPool</c> walks it.
    /// </summary>
    public async Task<IReadOnlyList<TranscoderPoolMember>> GetTranscoderPoolAsync(CancellationToken cancellationToken = default)
    {
        var pool = new List<TranscoderPoolMember>();
        var member = await CallAsync<EthAddress>(GetFirstTranscoderInPool, cancellationToken);
        while (!member.IsZero)
        {
            pool.Add(new TranscoderPoolMember(member, await TranscoderTotalStakeAsync(member, cancellationToken)));
            member = await CallAsync<EthAddress>(GetNextTranscoderInPool, cancellationToken, member);
        }

        return pool;
    }

    /// <summary>
    /// The delegator's fees through the current round, including a transcoder's own commission when it asks for
    /// itself. The contract ignores the round argument (shared spec §7.3), so none is taken.
    /// </summary>
    public Task<BigInteger> PendingFeesAsync(EthAddress delegator, CancellationToken cancellationToken = default) =>
        CallAsync<BigInteger>(PendingFees, cancellationToken, delegator, BigInteger.Zero);

    /// <summary>The delegator's bonded stake with its rewards through the current round (round argument ignored, §7.3).</summary>
    public Task<BigInteger> PendingStakeAsync(EthAddress delegator, CancellationToken cancellationToken = default) =>
        CallAsync<BigInteger>(PendingStake, cancellationToken, delegator, BigInteger.Zero);

    public async Task<TranscoderInfo> GetTranscoderAsync(EthAddress transcoder, CancellationToken cancellationToken = default)
    {
        var words = await CallAllAsync(GetTranscoder, cancellationToken, transcoder);
        BigInteger W(int i) => words.Get<BigInteger>(i);
        return new TranscoderInfo(W(0), W(1), W(2), W(3), W(4), W(5), W(6), W(7), W(8), W(9));
    }

    public Task<bool> IsActiveTranscoderAsync(EthAddress transcoder, CancellationToken cancellationToken = default) =>
        CallAsync<bool>(IsActiveTranscoder, cancellationToken, transcoder);

    public Task<bool> IsRegisteredTranscoderAsync(EthAddress transcoder, CancellationToken cancellationToken = default) =>
        CallAsync<bool>(IsRegisteredTranscoder, cancellationToken, transcoder);
}
