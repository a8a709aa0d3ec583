using Livepeer.Crypto;

namespace Livepeer.Payments;

/// <summary>What one payment did: the EV credited, the winning tickets (to queue for redemption) and the first error.</summary>
public sealed record PaymentReceipt(BigRational Credited, int TicketsReceived, int TicketsAccepted, IReadOnlyList<SignedTicket> WinningTickets, PaymentError? Error);

/// <summary>
/// go-livepeer's per-payment loop (<c>core/orchestrator.go</c> <c>ProcessPayment</c>; see shared spec: payments.md §7.2):
/// fix the session price on the first payment, then for each ticket credit its EV only while no error has occurred;
/// later tickets are still checked so that a winner is never lost; a fatal error stops the loop.
/// </summary>
public static class PaymentProcessor
{
    public static PaymentReceipt Process(Recipient recipient, Balances balances, string manifest, TicketBatch payment, PriceInfo expectedPrice)
    {
        var sender = payment.Sender;
        balances.FixPrice(sender, manifest, expectedPrice);
        var credited = BigRational.Zero;
        var received = 0;
        var accepted = 0;
        var winners = new List<SignedTicket>();
        PaymentError? firstError = null;
        // As in go-livepeer, the tickets carry the payment's expected price, which the recipientRand HMAC binds: an
        // expected price other than the one the params were issued at fails the payment (see shared spec: payments.md
        // §14.3) instead of being credited at a price O never offered.
        var priced = payment with { TicketParams = payment.TicketParams with { PricePerPixel = expectedPrice } };
        foreach (var (ticket, senderParams) in priced.Tickets().Zip(payment.SenderParams))
        {
            received++;
            var result = recipient.ReceiveTicket(ticket, senderParams.Sig, payment.TicketParams.Seed);
            // A ticket wins before its nonce and expiry are checked, and is redeemable whatever those say.
            if (result.Won)
                winners.Add(result.WinningTicket);
            if (result.IsAccepted)
            {
                accepted++;
                if (firstError is null)
                {
                    var ev = ticket.EV;
                    balances.Credit(sender, manifest, ev);
                    credited += ev;
                }
                continue;
            }
            firstError ??= result.Error;
            if (result.IsFatal)
                break;
        }
        return new PaymentReceipt(credited, received, accepted, winners, firstError);
    }

    /// <summary>go-livepeer's <c>SufficientBalance</c>: paid work needs at least one ticket's EV of credit first.</summary>
    public static bool HasSufficientBalance(Balances balances, EthAddress sender, string manifest, BigRational ticketEv) =>
        balances.FixedPrice(sender, manifest) is not { IsFree: false } || balances.Balance(sender, manifest) >= ticketEv;
}
