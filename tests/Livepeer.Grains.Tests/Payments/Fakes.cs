using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;

namespace Livepeer.Grains.Tests.Payments;

internal sealed class FakeTimeManager : ITimeManager
{
    public long LastSeenL1Block { get; set; } = 1_000;

    public long LastInitializedRound { get; set; } = 3_000;

    public Hash32 LastInitializedL1BlockHash { get; set; } = Hash32.FromBytes(Keccak256.Hash("round 3000"u8));

    public Hash32 PreLastInitializedL1BlockHash { get; set; } = Hash32.FromBytes(Keccak256.Hash("round 2999"u8));
}

internal sealed class FakeSenderMonitor : ISenderMonitor
{
    public SenderInfo Info { get; set; } = new(Deposit: BigInteger.Pow(10, 18), Reserve: BigInteger.Pow(10, 18), WithdrawRound: 0);

    public BigInteger Float { get; set; } = BigInteger.Pow(10, 18);

    public SenderInfo GetSenderInfo(EthAddress sender) => Info;

    public BigInteger MaxFloat(EthAddress sender) => Float;
}

internal sealed class FakeGasPriceMonitor : IGasPriceMonitor
{
    public BigInteger GasPrice { get; set; } = 100_000_000; // 0.1 gwei, typical for Arbitrum
}
