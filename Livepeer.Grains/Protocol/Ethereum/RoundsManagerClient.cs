using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Ethereum;

namespace Livepeer.Protocol.Ethereum;

/// <summary>Rounds, counted in the blocks contracts see (see shared spec: protocol-contracts.md §6).</summary>
public sealed class RoundsManagerClient(EthAddress address, ContractCaller caller, TransactionSender? sender = null)
    : ContractClient(address, caller, sender)
{
    public static readonly AbiFunction CurrentRound = AbiFunction.Parse("currentRound() returns (uint256)");
    public static readonly AbiFunction CurrentRoundInitialized = AbiFunction.Parse("currentRoundInitialized() returns (bool)");
    public static readonly AbiFunction CurrentRoundStartBlock = AbiFunction.Parse("currentRoundStartBlock() returns (uint256)");
    public static readonly AbiFunction LastInitializedRound = AbiFunction.Parse("lastInitializedRound() returns (uint256)");
    public static readonly AbiFunction RoundLength = AbiFunction.Parse("roundLength() returns (uint256)");
    public static readonly AbiFunction BlockHashForRound = AbiFunction.Parse("blockHashForRound(uint256) returns (bytes32)");
    public static readonly AbiFunction InitializeRound = AbiFunction.Parse("initializeRound()");

    public static IReadOnlyList<AbiFunction> Functions { get; } =
        [CurrentRound, CurrentRoundInitialized, CurrentRoundStartBlock, LastInitializedRound, RoundLength, BlockHashForRound, InitializeRound];

    public async Task<long> CurrentRoundAsync(CancellationToken cancellationToken = default) =>
        (long)await CallAsync<BigInteger>(CurrentRound, cancellationToken);

    public Task<bool> CurrentRoundInitializedAsync(CancellationToken cancellationToken = default) =>
        CallAsync<bool>(CurrentRoundInitialized, cancellationToken);

    public async Task<long> CurrentRoundStartBlockAsync(CancellationToken cancellationToken = default) =>
        (long)await CallAsync<BigInteger>(CurrentRoundStartBlock, cancellationToken);

    public async Task<long> LastInitializedRoundAsync(CancellationToken cancellationToken = default) =>
        (long)await CallAsync<BigInteger>(LastInitializedRound, cancellationToken);

    public async Task<long> RoundLengthAsync(CancellationToken cancellationToken = default) =>
        (long)await CallAsync<BigInteger>(RoundLength, cancellationToken);

    /// <summary>The block hash stored when <paramref name="round"/> was initialized; zero for a round never initialized.</summary>
    public async Task<Hash32> BlockHashForRoundAsync(long round, CancellationToken cancellationToken = default) =>
        Hash32.FromBytes(await CallAsync<byte[]>(BlockHashForRound, cancellationToken, round));

    /// <exception cref="ContractRevertException">"round already initialized", among others.</exception>
    public Task<TransactionReceipt> InitializeRoundAsync(CancellationToken cancellationToken = default) =>
        SendAsync(InitializeRound, cancellationToken);
}
