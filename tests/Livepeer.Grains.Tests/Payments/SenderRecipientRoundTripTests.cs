using Livepeer.Crypto;
using Livepeer.Payments;

namespace Livepeer.Grains.Tests.Payments;

/// <summary>B's tickets, made from O's params, go through O's pipeline.</summary>
public class SenderRecipientRoundTripTests
{
    private readonly FakeTimeManager time = new();
    private readonly FakeSenderMonitor chain = new();
    private readonly FakeGasPriceMonitor gas = new();
    private readonly TicketParamsConfig config = new();
    private readonly Recipient orchestrator;
    private readonly Sender gateway;

    public SenderRecipientRoundTripTests()
    {
        orchestrator = new Recipient(EthKey.Generate().Address, EthKey.Generate().PrivateKeyBytes(), config, time, chain, gas);
        gateway = new Sender(EthKey.Generate(), time, chain, new SenderLimits());
    }

    [Fact]
    public void Tickets_from_the_sender_are_accepted_and_their_EV_credited()
    {
        var price = new PriceInfo(1_200, 1);
        var ticketParams = orchestrator.TicketParams(gateway.Address, price).Value;
        Assert.Null(gateway.ValidateTicketParams(ticketParams));
        var batch = gateway.CreateTicketBatch(gateway.StartSession(ticketParams), 3).Value;

        var payment = Process(batch);

        Assert.Null(payment.Error);
        Assert.Equal(ticketParams.EV * 3, payment.Credit);
        Assert.True(ticketParams.EV - config.EV <= 1 && ticketParams.EV >= config.EV);
    }

    [Fact]
    public void Winning_tickets_come_back_ready_for_redemption()
    {
        // Face value EV + 1 makes winProb ≈ (2^256 − 1) · EV / (EV + 1): a loss has odds ~1e-10,
        // while B still accepts the params (EV < face value).
        (chain.Float, gas.GasPrice) = (config.EV + 1, 0);
        var ticketParams = orchestrator.TicketParams(gateway.Address, new PriceInfo(1, 1)).Value;
        var batch = gateway.CreateTicketBatch(gateway.StartSession(ticketParams), 4).Value;

        var payment = Process(batch);

        Assert.Null(payment.Error);
        Assert.Equal(4, payment.Winners.Count);
        Assert.All(payment.Winners, winner =>
        {
            Assert.Equal(winner.Ticket.RecipientRandHash, RecipientRand.Hash(winner.RecipientRand));
            Assert.True(WinningRule.IsWinning(winner.Sig, winner.RecipientRand, winner.Ticket.WinProb));
            Assert.Equal(SignatureCheck.Valid, EthSignature.VerifyPersonal(winner.Ticket.Hash().Span, winner.Sig, gateway.Address));
        });
    }

    [Fact]
    public void Replaying_a_payment_credits_nothing()
    {
        var ticketParams = orchestrator.TicketParams(gateway.Address, new PriceInfo(1_200, 1)).Value;
        var batch = gateway.CreateTicketBatch(gateway.StartSession(ticketParams), 2).Value;
        Assert.Null(Process(batch).Error);

        var replay = Process(batch);

        Assert.Equal(PaymentErrorCode.InvalidTicketSenderNonce, replay.Error?.Code);
        Assert.Equal(BigRational.Zero, replay.Credit);
    }

    [Fact]
    public void After_a_non_fatal_error_later_tickets_are_checked_but_not_credited()
    {
        var ticketParams = orchestrator.TicketParams(gateway.Address, new PriceInfo(1_200, 1)).Value;
        var batch = gateway.CreateTicketBatch(gateway.StartSession(ticketParams), 3).Value;
        var tampered = batch with
        {
            SenderParams = [batch.SenderParams[0], batch.SenderParams[1] with { Sig = batch.SenderParams[0].Sig }, batch.SenderParams[2]],
        };

        var payment = Process(tampered);

        Assert.Equal(PaymentErrorCode.InvalidTicketSignature, payment.Error?.Code);
        Assert.Equal(ticketParams.EV, payment.Credit);
        Assert.Equal(3, payment.Checked);
    }

    [Fact]
    public void Misstated_price_aborts_the_payment()
    {
        var ticketParams = orchestrator.TicketParams(gateway.Address, new PriceInfo(1_200, 1)).Value;
        var cheaper = ticketParams with { PricePerPixel = new PriceInfo(600, 1) };
        var batch = gateway.CreateTicketBatch(gateway.StartSession(cheaper), 3).Value;

        var payment = Process(batch);

        Assert.True(payment.Error?.IsFatal);
        Assert.Equal(PaymentErrorCode.InvalidRecipientRand, payment.Error?.Code);
        Assert.Equal(1, payment.Checked);
    }

    /// <summary>The per-payment loop of go-livepeer ProcessPayment (shared spec: payments.md §7.2).</summary>
    private PaymentOutcome Process(TicketBatch batch)
    {
        var outcome = new PaymentOutcome();
        var tickets = batch.Tickets();
        for (var i = 0; i < tickets.Count; i++)
        {
            var result = orchestrator.ReceiveTicket(tickets[i], batch.SenderParams[i].Sig, batch.TicketParams.Seed);
            outcome.Checked++;
            if (result.Won)
            {
                outcome.Winners.Add(result.WinningTicket);
            }

            if (result.IsFatal)
            {
                outcome.Error = result.Error;
                break;
            }

            if (result.Error is null && outcome.Error is null)
            {
                outcome.Credit += tickets[i].EV;
            }

            outcome.Error ??= result.Error;
        }

        return outcome;
    }

    private sealed class PaymentOutcome
    {
        public BigRational Credit { get; set; }

        public PaymentError? Error { get; set; }

        public int Checked { get; set; }

        public List<SignedTicket> Winners { get; } = [];
    }
}
