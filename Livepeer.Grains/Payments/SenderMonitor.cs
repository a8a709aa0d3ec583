using System.Numerics;
using Livepeer.Crypto;

namespace Livepeer.Payments;

/// <summary>
/// The orchestrator's view of its senders' on-chain funds (go-livepeer's <c>LocalSenderMonitor</c>): the grain refreshes
/// <see cref="SenderInfo"/> from the ledger before it issues params or takes tickets, and tracks the face value of
/// tickets it is redeeming (see shared spec: payments.md §10.2).
/// </summary>
public sealed class SenderMonitor(int transcoderPoolSize) : ISenderMonitor
{
    /// <summary>Below this deposit-to-pending ratio, pending redemptions are taken out of the max float.</summary>
    public const int MinDepositPendingRatio = 3;

    private readonly Dictionary<EthAddress, SenderInfo> _senders = [];
    private readonly Dictionary<EthAddress, BigInteger> _pending = [];

    public void Update(EthAddress sender, SenderInfo info) => _senders[sender] = info;

    public void AddPending(EthAddress sender, BigInteger faceValue) => _pending[sender] = Pending(sender) + faceValue;

    public void SubtractPending(EthAddress sender, BigInteger faceValue) =>
        _pending[sender] = BigInteger.Max(BigInteger.Zero, Pending(sender) - faceValue);

    /// <exception cref="InvalidOperationException">The sender's info was never loaded: a bug in the caller.</exception>
    public SenderInfo GetSenderInfo(EthAddress sender) =>
        _senders.TryGetValue(sender, out var info) ? info : throw new InvalidOperationException($"sender {sender} info not loaded");

    public BigInteger MaxFloat(EthAddress sender)
    {
        var info = GetSenderInfo(sender);
        var reserveAlloc = transcoderPoolSize > 0 ? info.Reserve / transcoderPoolSize : BigInteger.Zero;
        var pending = Pending(sender);
        if (pending.IsZero || info.Deposit / pending >= MinDepositPendingRatio)
            return reserveAlloc;
        return reserveAlloc - pending;
    }

    private BigInteger Pending(EthAddress sender) => _pending.GetValueOrDefault(sender, BigInteger.Zero);
}
