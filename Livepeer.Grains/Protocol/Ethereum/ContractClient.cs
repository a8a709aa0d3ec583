using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Ethereum;

namespace Livepeer.Protocol.Ethereum;

/// <summary>
/// The base of the typed contract clients: one contract address, calls through a <see cref="ContractCaller"/>,
/// transactions through an optional <see cref="TransactionSender"/> (a read-only client has none). The ABIs are the
/// few signatures the node needs, embedded as text so that a node never depends on contract artifacts.
/// </summary>
public abstract class ContractClient(EthAddress address, ContractCaller caller, TransactionSender? sender)
{
    public EthAddress Address { get; } = address;

    /// <summary>The account this client's transactions come from, or null for a read-only client.</summary>
    protected TransactionSender? Sender { get; } = sender;

    /// <summary>The sending account.</summary>
    /// <exception cref="InvalidOperationException">The client is read-only.</exception>
    public EthAddress Account => RequireSender().Address;

    protected TransactionSender RequireSender() =>
        Sender ?? throw new InvalidOperationException($"{GetType().Name} for {Address} is read-only: it has no transaction sender");

    protected async Task<T> CallAsync<T>(AbiFunction function, CancellationToken cancellationToken, params object?[] args) =>
        (await caller.CallAsync(Address, function, args, cancellationToken: cancellationToken)).Get<T>(0);

    protected Task<AbiValues> CallAllAsync(AbiFunction function, CancellationToken cancellationToken, params object?[] args) =>
        caller.CallAsync(Address, function, args, cancellationToken: cancellationToken);

    protected Task<TransactionReceipt> SendAsync(AbiFunction function, CancellationToken cancellationToken, params object?[] args) =>
        SendWithValueAsync(function, BigInteger.Zero, cancellationToken, args);

    protected Task<TransactionReceipt> SendWithValueAsync(
        AbiFunction function, BigInteger value, CancellationToken cancellationToken, params object?[] args) =>
        RequireSender().SendAsync(Address, function, args, value, cancellationToken: cancellationToken);
}
