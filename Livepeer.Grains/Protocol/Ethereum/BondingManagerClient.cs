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
    public static readonly AbiFunction PendingStake = AbiFunction.Parse("pendingStake(address,uint256) returns (uint256)");
    public static readonly AbiFunction PendingFees = AbiFunction.Parse("pendingFees(address,uint256) returns (uint256)");
    public static readonly AbiFunction GetTranscoder = AbiFunction.Parse(
        "getTranscoder(address) returns (uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256)");
    public static readonly AbiFunction IsActiveTranscoder = AbiFunction.Parse("isActiveTranscoder(address) returns (bool)");
    public static readonly AbiFunction IsRegisteredTranscoder = AbiFunction.Parse("isRegisteredTranscoder(address) returns (bool)");

    public static IReadOnlyList<AbiFunction> Functions { get; } =
        [Bond, Transcoder, Reward, PendingStake, PendingFees, GetTranscoder, IsActiveTranscoder, IsRegisteredTranscoder];

    /// <summary>Bonds <paramref name="amount"/> LPT to <paramref name="to"/>; the caller must first approve this contract.</summary>
    public Task<TransactionReceipt> BondAsync(BigInteger amount, EthAddress to, CancellationToken cancellationToken = default) =>
        SendAsync(Bond, cancellationToken, amount, to);

    /// <summary>Registers or updates the caller as a transcoder; it joins the pool for the next round.</summary>
    public Task<TransactionReceipt> TranscoderAsync(long rewardCut, long feeShare, CancellationToken cancellationToken = default) =>
        SendAsync(Transcoder, cancellationToken, rewardCut, feeShare);

    public Task<TransactionReceipt> RewardAsync(CancellationToken cancellationToken = default) => SendAsync(Reward, cancellationToken);

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
