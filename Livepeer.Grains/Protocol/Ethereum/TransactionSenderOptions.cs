using System.Numerics;

namespace Livepeer.Protocol.Ethereum;

/// <summary>How a <see cref="TransactionSender"/> prices, sizes and waits for its transactions.</summary>
public sealed record TransactionSenderOptions
{
    /// <summary>The chain id signed into every transaction (42161 on Arbitrum One).</summary>
    public required ulong ChainId { get; init; }

    /// <summary>
    /// The most the sender pays per gas (base fee + tip); null for no cap. Above it nothing is sent and
    /// <see cref="GasPriceTooHighException"/> tells the caller to defer (go-livepeer's <c>-maxGasPrice</c>).
    /// </summary>
    public BigInteger? MaxGasPrice { get; init; }

    /// <summary>The gas limit is <c>eth_estimateGas</c> times this, because state can change between estimate and inclusion.</summary>
    public double GasLimitMultiplier { get; init; } = 1.2;

    /// <summary>How long to wait for a receipt (go-livepeer's transaction timeout is 5 minutes).</summary>
    public TimeSpan ReceiptTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
