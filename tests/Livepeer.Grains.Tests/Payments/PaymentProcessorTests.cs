using Livepeer.Crypto;
using Livepeer.Payments;
using Microsoft.Extensions.Time.Testing;

namespace Livepeer.Grains.Tests.Payments;

/// <summary>
/// O's per-payment loop over real tickets: B's <see cref="Sender"/> signs them against a real <see cref="Recipient"/>'s
/// params (see shared spec: payments.md §7.2).
/// </summary>
public sealed class PaymentProcessorTests
{
    private const string Manifest = "session-1";
    private static readonly PriceInfo Price = new(1_200, 1);

    private readonly FakeTimeManager time = new();
    private readonly FakeSenderMonitor chain = new();
    private readonly FakeGasPriceMonitor gas = new();
    private readonly TicketParamsConfig config = new();
    private readonly EthKey gatewayKey = EthKey.Generate();
    private readonly Recipient orchestrator;
    private readonly Sender gateway;
    private readonly Balances balances = new(new FakeTimeProvider());

    public PaymentProcessorTests()
    {
        orchestrator = new Recipient(EthKey.Generate().Address, EthKey.Generate().PrivateKeyBytes(), config, time, chain, gas);
        gateway = new Sender(gatewayKey, time, chain, new SenderLimits());
    }

    private TicketParams IssueParams(PriceInfo? price = null) => orchestrator.TicketParams(gateway.Address, price ?? Price).Value;

    private TicketBatch Pay(TicketParams ticketParams, int tickets) =>
        gateway.CreateTicketBatch(gateway.StartSession(ticketParams), tickets).Value;

    private PaymentReceipt Process(TicketBatch payment, PriceInfo? expectedPrice = null) =>
        PaymentProcessor.Process(orchestrator, balances, Manifest, payment, expectedPrice ?? Price);

    /// <summary>
    /// Params whose every ticket wins, as RecipientTests makes them: max float = EV forces face value = EV, hence
    /// winProb = 2^256 − 1, and free gas keeps that face value above the redemption cost. B's <see cref="Sender"/>
    /// refuses such params (EV must be below face value), so the tickets are signed with B's key directly.
    /// </summary>
    private TicketParams IssueAlwaysWinningParams()
    {
        var (savedFloat, savedGas) = (chain.Float, gas.GasPrice);
        (chain.Float, gas.GasPrice) = (config.EV, 0);
        var ticketParams = IssueParams();
        (chain.Float, gas.GasPrice) = (savedFloat, savedGas);
        Assert.Equal(TicketEv.MaxWinProb, ticketParams.WinProb);
        return ticketParams;
    }

    private TicketBatch SignDirectly(TicketParams ticketParams, params uint[] nonces) => new(
        ticketParams,
        ticketParams.ExpirationParams,
        gateway.Address,
        [.. nonces.Select(nonce => new TicketSenderParams(nonce, Sign(ticketParams, nonce)))]);

    private byte[] Sign(TicketParams ticketParams, uint nonce) =>
        gatewayKey.SignPersonal(Ticket.Create(ticketParams, ticketParams.ExpirationParams, gateway.Address, nonce).Hash().Span);

    [Fact]
    public void Every_valid_ticket_is_accepted_and_its_EV_credited()
    {
        var ticketParams = IssueParams();

        var receipt = Process(Pay(ticketParams, 3));

        Assert.Null(receipt.Error);
        Assert.Equal((3, 3), (receipt.TicketsReceived, receipt.TicketsAccepted));
        Assert.Equal(ticketParams.EV * 3, receipt.Credited);
        Assert.Equal(ticketParams.EV * 3, balances.Balance(gateway.Address, Manifest));
        Assert.True(PaymentProcessor.HasSufficientBalance(balances, gateway.Address, Manifest, orchestrator.EV));
    }

    [Fact]
    public void Successive_payments_add_to_the_sessions_balance()
    {
        var ticketParams = IssueParams();
        gateway.StartSession(ticketParams);
        var sessionId = ticketParams.RecipientRandHash.ToString();

        Process(gateway.CreateTicketBatch(sessionId, 2).Value);
        Process(gateway.CreateTicketBatch(sessionId, 1).Value);

        Assert.Equal(ticketParams.EV * 3, balances.Balance(gateway.Address, Manifest));
        Assert.Equal(BigRational.Zero, balances.Balance(gateway.Address, "another manifest"));
    }

    [Fact]
    public void The_first_payment_fixes_the_sessions_price()
    {
        Process(Pay(IssueParams(), 1));

        var cheaper = new PriceInfo(600, 1);
        var receipt = Process(Pay(IssueParams(cheaper), 1), cheaper);

        Assert.Null(receipt.Error);
        Assert.Equal(Price, balances.FixedPrice(gateway.Address, Manifest));
    }

    [Fact]
    public void A_replayed_nonce_stops_the_credit_but_later_tickets_are_still_checked()
    {
        var ticketParams = IssueParams();
        var batch = Pay(ticketParams, 3);
        var replayed = batch with { SenderParams = [batch.SenderParams[0], batch.SenderParams[1], batch.SenderParams[1], batch.SenderParams[2]] };

        var receipt = Process(replayed);

        Assert.Equal(PaymentErrorCode.InvalidTicketSenderNonce, receipt.Error?.Code);
        Assert.False(receipt.Error?.IsFatal);
        Assert.Equal(4, receipt.TicketsReceived);
        Assert.Equal(3, receipt.TicketsAccepted); // nonce 3 passed every check…
        Assert.Equal(ticketParams.EV * 2, receipt.Credited); // …but came after the error, so it is not credited
        Assert.Equal(ticketParams.EV * 2, balances.Balance(gateway.Address, Manifest));

        // Nonce 3 was recorded: sending it again is a replay too.
        Assert.Equal(PaymentErrorCode.InvalidTicketSenderNonce, Process(batch with { SenderParams = [batch.SenderParams[2]] }).Error?.Code);
    }

    [Fact]
    public void A_forged_first_signature_is_not_fatal_and_nothing_after_it_is_credited()
    {
        var ticketParams = IssueParams();
        var batch = Pay(ticketParams, 3);
        var forged = batch.SenderParams[0] with { Sig = EthKey.Generate().SignPersonal(batch.Tickets()[0].Hash().Span) };

        var receipt = Process(batch with { SenderParams = [forged, batch.SenderParams[1], batch.SenderParams[2]] });

        Assert.Equal(PaymentErrorCode.InvalidTicketSignature, receipt.Error?.Code);
        Assert.False(receipt.Error?.IsFatal);
        Assert.Equal((3, 2), (receipt.TicketsReceived, receipt.TicketsAccepted));
        Assert.Equal(BigRational.Zero, receipt.Credited);
        Assert.Equal(BigRational.Zero, balances.Balance(gateway.Address, Manifest));
        Assert.False(PaymentProcessor.HasSufficientBalance(balances, gateway.Address, Manifest, orchestrator.EV));
    }

    public static TheoryData<string, PaymentErrorCode> FatalMisstatements => new()
    {
        { "recipient", PaymentErrorCode.InvalidTicketRecipient },
        { "seed", PaymentErrorCode.InvalidRecipientRand },
        { "faceValue", PaymentErrorCode.InvalidRecipientRand },
    };

    [Theory]
    [MemberData(nameof(FatalMisstatements))]
    public void A_fatal_error_aborts_the_payment_at_once(string field, PaymentErrorCode code)
    {
        var ticketParams = IssueParams();
        ticketParams = field switch
        {
            "recipient" => ticketParams with { Recipient = EthKey.Generate().Address },
            "seed" => ticketParams with { Seed = ticketParams.Seed + 1 },
            _ => ticketParams with { FaceValue = ticketParams.FaceValue * 2 },
        };

        // B signs whatever params it holds; the misstatement only shows at O.
        var receipt = Process(Pay(ticketParams, 3));

        Assert.Equal(code, receipt.Error?.Code);
        Assert.True(receipt.Error?.IsFatal);
        Assert.Equal((1, 0), (receipt.TicketsReceived, receipt.TicketsAccepted));
        Assert.Equal(BigRational.Zero, receipt.Credited);
        Assert.Empty(receipt.WinningTickets);
    }

    [Fact]
    public void A_sender_unlocking_soon_aborts_the_payment()
    {
        var batch = Pay(IssueParams(), 2);
        chain.Info = chain.Info with { WithdrawRound = time.LastInitializedRound + 1 };

        var receipt = Process(batch);

        Assert.Equal(PaymentErrorCode.SenderUnlocking, receipt.Error?.Code);
        Assert.Equal((1, 0), (receipt.TicketsReceived, receipt.TicketsAccepted));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(600, 1)]
    [InlineData(2_400, 1)]
    [InlineData(1_200, 7)]
    public void An_expected_price_other_than_the_params_price_fails_the_recipient_rand_check(long pricePerUnit, long pixelsPerUnit)
    {
        // go-livepeer builds the tickets with the payment's expected price, which the recipientRand HMAC binds
        // (see shared spec: payments.md §14.3): tickets are never credited at a price O did not offer.
        var batch = Pay(IssueParams(), 2);

        var receipt = Process(batch, new PriceInfo(pricePerUnit, pixelsPerUnit));

        Assert.Equal(PaymentErrorCode.InvalidRecipientRand, receipt.Error?.Code);
        Assert.True(receipt.Error?.IsFatal);
        Assert.Equal((1, 0), (receipt.TicketsReceived, receipt.TicketsAccepted));
        Assert.Equal(BigRational.Zero, receipt.Credited);
        Assert.Equal(BigRational.Zero, balances.Balance(gateway.Address, Manifest));
    }

    [Fact]
    public void The_same_price_in_other_terms_is_the_same_price()
    {
        var ticketParams = IssueParams(new PriceInfo(1_200, 4));

        var receipt = Process(Pay(ticketParams, 1), new PriceInfo(300, 1));

        Assert.Null(receipt.Error);
        Assert.Equal(ticketParams.EV, receipt.Credited);
    }

    [Fact]
    public void Winning_tickets_are_collected_whether_or_not_they_are_credited()
    {
        var ticketParams = IssueAlwaysWinningParams();
        Assert.Null(Process(SignDirectly(ticketParams, 2)).Error);

        // Nonce 2 is a replay: it still wins, and so do the tickets after it.
        var receipt = Process(SignDirectly(ticketParams, 1, 2, 3));

        Assert.Equal(PaymentErrorCode.InvalidTicketSenderNonce, receipt.Error?.Code);
        Assert.Equal((3, 2), (receipt.TicketsReceived, receipt.TicketsAccepted));
        Assert.Equal(ticketParams.EV, receipt.Credited);
        Assert.Equal([1u, 2u, 3u], receipt.WinningTickets.Select(w => w.Ticket.SenderNonce));
        Assert.All(receipt.WinningTickets, winner =>
        {
            Assert.Equal(ticketParams.RecipientRandHash, RecipientRand.Hash(winner.RecipientRand));
            Assert.True(WinningRule.IsWinning(winner.Sig, winner.RecipientRand, winner.Ticket.WinProb));
            Assert.Equal(SignatureCheck.Valid, EthSignature.VerifyPersonal(winner.Ticket.Hash().Span, winner.Sig, gateway.Address));
        });
    }

    [Fact]
    public void A_forged_signature_never_wins()
    {
        var ticketParams = IssueAlwaysWinningParams();
        var batch = SignDirectly(ticketParams, 1, 2);
        var forged = batch with { SenderParams = [batch.SenderParams[0] with { Sig = batch.SenderParams[1].Sig }, batch.SenderParams[1]] };

        var receipt = Process(forged);

        Assert.Equal(PaymentErrorCode.InvalidTicketSignature, receipt.Error?.Code);
        Assert.Equal([2u], receipt.WinningTickets.Select(w => w.Ticket.SenderNonce));
    }

    [Fact]
    public void Free_sessions_need_no_balance_but_paid_ones_need_one_tickets_EV()
    {
        var ev = orchestrator.EV;
        var sender = gateway.Address;

        // Nothing fixed yet: nothing to hold the session to.
        Assert.True(PaymentProcessor.HasSufficientBalance(balances, sender, "unknown", ev));

        balances.FixPrice(sender, "free", PriceInfo.Free);
        Assert.True(PaymentProcessor.HasSufficientBalance(balances, sender, "free", ev));

        balances.FixPrice(sender, "paid", Price);
        Assert.False(PaymentProcessor.HasSufficientBalance(balances, sender, "paid", ev));
        balances.Credit(sender, "paid", ev - new BigRational(1, 1_000_000));
        Assert.False(PaymentProcessor.HasSufficientBalance(balances, sender, "paid", ev));
        balances.Credit(sender, "paid", new BigRational(1, 1_000_000));
        Assert.True(PaymentProcessor.HasSufficientBalance(balances, sender, "paid", ev));
        balances.Debit(sender, "paid", 1);
        Assert.False(PaymentProcessor.HasSufficientBalance(balances, sender, "paid", ev));
    }
}
