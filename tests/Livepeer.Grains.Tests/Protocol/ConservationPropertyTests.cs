using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Livepeer.Crypto;
using Livepeer.Protocol;
using static Livepeer.Grains.Tests.Protocol.BrokerTestKit;

namespace Livepeer.Grains.Tests.Protocol;

/// <summary>
/// Whatever sequence of calls runs, no wei is created or lost: everything funded is still held, was paid to a
/// recipient, or was withdrawn. And a call that reverts leaves the accounts as they were.
/// </summary>
public class ConservationPropertyTests
{
    private static readonly EthKey[] SenderKeys = [GatewayKey, OtherGatewayKey];
    private static readonly EthAddress[] Recipients = [Orch1, Orch2, Orch3];

    public static Arbitrary<int[]> Scripts() =>
        Gen.Choose(0, int.MaxValue).ArrayOf().Select(ops => ops.Take(40).ToArray()).ToArbitrary();

    [Property(MaxTest = 100, Arbitrary = [typeof(ConservationPropertyTests)])]
    public bool Funds_are_conserved(int[] script)
    {
        var broker = NewBroker(Orch1, Orch2);
        BigInteger funded = 0, withdrawn = 0;
        var nonce = 0;
        var issued = new List<(BrokerTicket Ticket, byte[] Sig, BigInteger Rand)>();

        var unchangedByReverts = true;
        foreach (var op in script)
        {
            var before = Snapshot(broker);
            var key = SenderKeys[(op >> 4) & 1];
            var sender = key.Address;
            var amount = new BigInteger((op >> 8) & 0x3ff);
            var recipient = Recipients[((op >> 18) & 3) % Recipients.Length];
            LedgerResult result;
            switch (op & 0xf)
            {
                case 0:
                    result = broker.FundDeposit(sender, amount);
                    break;
                case 1:
                    result = broker.FundReserve(sender, amount);
                    break;
                case 2:
                    result = broker.FundDepositAndReserve(sender, amount + (amount / 2), amount, amount / 2);
                    break;
                case 3:
                    result = broker.Unlock(sender);
                    break;
                case 4:
                    result = broker.CancelUnlock(sender);
                    break;
                case 5:
                    result = broker.Withdraw(sender);
                    break;
                case 6:
                    AdvanceTo(broker, broker.CurrentRound + 1);
                    continue;
                case 7:
                    // The pool changes mid-round too, which can make reserve claims underflow and revert.
                    broker.SetTranscoderPool(Recipients.Take(1 + ((op >> 20) % 3)), poolSize: (op >> 22) % 4);
                    continue;
                case 8 when issued.Count > 0:
                    // Replays and stale tickets.
                    var (old, oldSig, oldRand) = issued[(op >> 8) % issued.Count];
                    result = broker.RedeemWinningTicket(old, oldSig, oldRand);
                    break;
                default:
                    nonce++;
                    var ticket = NewTicket(broker, amount * 3, nonce, recipient, sender, nonce);
                    var sig = Sign(ticket, key);
                    issued.Add((ticket, sig, nonce));
                    result = broker.RedeemWinningTicket(ticket, sig, nonce);
                    break;
            }

            unchangedByReverts &= result.Succeeded || Snapshot(broker) == before;
            foreach (var e in result.Events)
            {
                switch (e)
                {
                    case DepositFunded f:
                        funded += f.Amount;
                        break;
                    case ReserveFunded f:
                        funded += f.Amount;
                        break;
                    case Withdrawal w:
                        withdrawn += w.Deposit + w.Reserve;
                        break;
                }
            }
        }

        var held = broker.State.Senders.Values.Aggregate(BigInteger.Zero, (sum, a) => sum + a.Deposit + a.Reserve.Funds);
        var paid = broker.State.FeesCredited.Values.Aggregate(BigInteger.Zero, (sum, fees) => sum + fees);
        var noneNegative = broker.State.Senders.Values.All(a => a.Deposit.Sign >= 0 && a.Reserve.Funds.Sign >= 0);
        return unchangedByReverts && noneNegative && funded == held + paid + withdrawn;
    }

    private static string Snapshot(EmbeddedTicketBroker broker) => string.Join(
        ";",
        SenderKeys.Select(k => (object)broker.GetSenderInfo(k.Address))
            .Concat(Recipients.Select(r => (object)(broker.FeesCredited(r), broker.ClaimedReserve(Gateway, r), broker.ClaimedReserve(OtherGateway, r))))
            .Append(broker.State.UsedTickets.Count));
}
