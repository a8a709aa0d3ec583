using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Grains.Tests.Crypto;
using Livepeer.Payments;

namespace Livepeer.Grains.Tests.Payments;

public class RecipientTests
{
    private static readonly EthKey SenderKey = EthKey.FromHex("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    private static readonly EthAddress OrchestratorAddress = EthAddress.Parse("0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F");
    private static readonly PriceInfo Price = new(1_200, 1);

    private readonly FakeTimeManager time = new();
    private readonly FakeSenderMonitor senders = new();
    private readonly FakeGasPriceMonitor gas = new();
    private readonly TicketParamsConfig config = new();
    private readonly Recipient recipient;

    public RecipientTests() => recipient = NewRecipient();

    [Fact]
    public void Ticket_params_follow_the_spec()
    {
        var ticketParams = recipient.TicketParams(SenderKey.Address, Price).Value;

        Assert.Equal(OrchestratorAddress, ticketParams.Recipient);
        Assert.Equal(time.LastSeenL1Block + 40, ticketParams.ExpirationBlock);
        Assert.Equal(new TicketExpirationParams(time.LastInitializedRound, time.LastInitializedL1BlockHash), ticketParams.ExpirationParams);
        Assert.Equal(Price, ticketParams.PricePerPixel);
        Assert.Equal(config.FaceValue(gas.GasPrice, senders.Float).Value, ticketParams.FaceValue);
        Assert.Equal(config.WinProb(ticketParams.FaceValue), ticketParams.WinProb);
        Assert.NotEqual(recipient.TicketParams(SenderKey.Address, Price).Value.Seed, ticketParams.Seed);
        Assert.Equal((BigRational)config.EV, recipient.EV);
    }

    [Fact]
    public void Zero_block_hash_backdates_to_the_previous_round()
    {
        time.LastInitializedL1BlockHash = Hash32.Zero;

        var ticketParams = recipient.TicketParams(SenderKey.Address, Price).Value;

        Assert.Equal(new TicketExpirationParams(time.LastInitializedRound - 1, time.PreLastInitializedL1BlockHash), ticketParams.ExpirationParams);
        Assert.True(Receive(ticketParams, 1).IsAccepted);
    }

    [Fact]
    public void Free_work_has_zero_face_value_and_win_prob_even_without_reserve()
    {
        senders.Float = 0;

        var ticketParams = recipient.TicketParams(SenderKey.Address, PriceInfo.Free).Value;

        Assert.Equal(BigInteger.Zero, ticketParams.FaceValue);
        Assert.Equal(BigInteger.Zero, ticketParams.WinProb);
        Assert.Equal(BigRational.Zero, ticketParams.EV);
    }

    [Fact]
    public void Insufficient_reserve_is_reported()
    {
        senders.Float = config.EV - 1;
        Assert.Equal(PaymentErrorCode.InsufficientSenderReserve, recipient.TicketParams(SenderKey.Address, Price).Error?.Code);
        Assert.Equal(PaymentErrorCode.InsufficientSenderReserve, recipient.TxCostMultiplier(SenderKey.Address).Error?.Code);
    }

    [Fact]
    public void Tx_cost_multiplier_is_face_value_over_tx_cost()
    {
        Assert.Equal((BigRational)100, recipient.TxCostMultiplier(SenderKey.Address).Value);

        senders.Float = BigInteger.Pow(10, 15) * 6;
        Assert.Equal((BigRational)50, recipient.TxCostMultiplier(SenderKey.Address).Value);

        gas.GasPrice = 0;
        Assert.Equal(BigRational.Zero, recipient.TxCostMultiplier(SenderKey.Address).Value);
    }

    [Fact]
    public void Valid_ticket_is_accepted()
    {
        var result = Receive(IssueParams(), 1);

        Assert.True(result.IsAccepted);
        Assert.False(result.IsFatal);
        Assert.Null(result.Error);
    }

    [Theory]
    [InlineData(3_001, true)]
    [InlineData(2_000, true)]
    [InlineData(3_002, false)]
    [InlineData(0, false)]
    public void Sender_unlocking_soon_is_fatal(long withdrawRound, bool rejected)
    {
        var ticketParams = IssueParams();
        senders.Info = senders.Info with { WithdrawRound = withdrawRound };

        var result = Receive(ticketParams, 1);

        Assert.Equal(rejected, result.IsFatal);
        if (rejected)
        {
            Assert.Equal(PaymentErrorCode.SenderUnlocking, result.Error?.Code);
            Assert.Equal($"deposit and reserve for sender {SenderKey.Address} is set to unlock soon", result.Error?.Message);
        }
    }

    [Fact]
    public void Sender_check_comes_before_ticket_checks()
    {
        var ticketParams = IssueParams() with { Recipient = EthAddress.Zero };
        senders.Info = senders.Info with { WithdrawRound = 1 };

        Assert.Equal(PaymentErrorCode.SenderUnlocking, Receive(ticketParams, 1).Error?.Code);
    }

    [Fact]
    public void Wrong_recipient_is_fatal()
    {
        var result = Receive(IssueParams() with { Recipient = SenderKey.Address }, 1);

        AssertError(result, PaymentErrorCode.InvalidTicketRecipient, "invalid ticket recipient", fatal: true);
    }

    [Fact]
    public void Zero_sender_is_fatal()
    {
        var ticketParams = IssueParams();
        var ticket = Ticket.Create(ticketParams, ticketParams.ExpirationParams, EthAddress.Zero, 1);

        var result = recipient.ReceiveTicket(ticket, SenderKey.SignPersonal(ticket.Hash().Span), ticketParams.Seed);

        AssertError(result, PaymentErrorCode.InvalidTicketSender, "invalid ticket sender", fatal: true);
    }

    public static TheoryData<string> Misstatements => ["seed", "price", "faceValue", "winProb", "expirationBlock", "expirationParams", "restart"];

    [Theory]
    [MemberData(nameof(Misstatements))]
    public void Misstated_params_fail_the_recipient_rand_hash_fatally(string field)
    {
        var ticketParams = IssueParams();
        var receiver = recipient;
        ticketParams = field switch
        {
            "seed" => ticketParams with { Seed = ticketParams.Seed + 1 },
            "price" => ticketParams with { PricePerPixel = new PriceInfo(1_199, 1) },
            "faceValue" => ticketParams with { FaceValue = ticketParams.FaceValue + 1 },
            "winProb" => ticketParams with { WinProb = ticketParams.WinProb + 1 },
            "expirationBlock" => ticketParams with { ExpirationBlock = ticketParams.ExpirationBlock + 1 },
            "expirationParams" => ticketParams with { ExpirationParams = new TicketExpirationParams(1, Hash32.Zero) },
            _ => ticketParams,
        };
        if (field == "restart")
        {
            receiver = NewRecipient();
        }

        var ticket = Ticket.Create(ticketParams, ticketParams.ExpirationParams, SenderKey.Address, 1);
        var result = receiver.ReceiveTicket(ticket, SenderKey.SignPersonal(ticket.Hash().Span), ticketParams.Seed);

        AssertError(result, PaymentErrorCode.InvalidRecipientRand, "invalid recipientRand for ticket recipientRandHash", fatal: true);
    }

    public static TheoryData<string> BadSignatures => ["other signer", "high s", "short", "other ticket"];

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public void Invalid_signature_is_not_fatal_never_wins_and_does_not_burn_the_nonce(string kind)
    {
        var ticketParams = IssueAlwaysWinningParams();
        var ticket = Ticket.Create(ticketParams, ticketParams.ExpirationParams, SenderKey.Address, 1);
        var good = SenderKey.SignPersonal(ticket.Hash().Span);
        var bad = kind switch
        {
            "other signer" => EthKey.Generate().SignPersonal(ticket.Hash().Span),
            "high s" => SignatureTestData.FlipS(good),
            "short" => good[..64],
            _ => SenderKey.SignPersonal((ticket with { SenderNonce = 2 }).Hash().Span),
        };

        var result = recipient.ReceiveTicket(ticket, bad, ticketParams.Seed);

        AssertError(result, PaymentErrorCode.InvalidTicketSignature, "invalid ticket signature", fatal: false);
        Assert.False(result.Won);
        Assert.True(recipient.ReceiveTicket(ticket, good, ticketParams.Seed).IsAccepted);
    }

    [Fact]
    public void Winning_ticket_carries_what_redemption_needs()
    {
        var ticketParams = IssueAlwaysWinningParams();

        var result = Receive(ticketParams, 1);

        Assert.True(result.IsAccepted);
        Assert.True(result.Won);
        Assert.Equal(ticketParams.RecipientRandHash, RecipientRand.Hash(result.WinningTicket.RecipientRand));
        Assert.Equal(SignatureCheck.Valid, EthSignature.VerifyPersonal(result.WinningTicket.Ticket.Hash().Span, result.WinningTicket.Sig, SenderKey.Address));
        Assert.True(WinningRule.IsWinning(result.WinningTicket.Sig, result.WinningTicket.RecipientRand, result.WinningTicket.Ticket.WinProb));
    }

    [Fact]
    public void Zero_win_prob_never_wins()
    {
        Assert.False(Receive(recipient.TicketParams(SenderKey.Address, PriceInfo.Free).Value, 1).Won);
    }

    [Fact]
    public void Replayed_nonce_is_rejected_but_a_win_is_still_reported()
    {
        var ticketParams = IssueAlwaysWinningParams();
        Assert.True(Receive(ticketParams, 1).IsAccepted);

        var replay = Receive(ticketParams, 1);

        AssertError(replay, PaymentErrorCode.InvalidTicketSenderNonce, $"invalid ticket senderNonce: already seen sender={SenderKey.Address} nonce=1", fatal: false);
        Assert.True(replay.Won);
    }

    [Fact]
    public void Nonces_may_arrive_out_of_order()
    {
        var ticketParams = IssueParams();
        Assert.All(new uint[] { 5, 3, 9, 1, 2, 0, uint.MaxValue }, nonce => Assert.True(Receive(ticketParams, nonce).IsAccepted));
    }

    [Fact]
    public void At_most_600_nonces_per_recipient_rand()
    {
        var ticketParams = IssueParams();
        for (uint nonce = 1; nonce <= Recipient.MaxSenderNonces; nonce++)
        {
            Assert.True(Receive(ticketParams, nonce).IsAccepted, $"nonce {nonce} should be accepted");
        }

        var overflow = Receive(ticketParams, Recipient.MaxSenderNonces + 1);

        AssertError(overflow, PaymentErrorCode.InvalidTicketSenderNonce, $"invalid ticket senderNonce: too many values sender={SenderKey.Address} nonce=601", fatal: false);
        Assert.True(Receive(IssueParams(), 1).IsAccepted);
    }

    [Fact]
    public void Expired_params_are_rejected_without_being_fatal()
    {
        var ticketParams = IssueAlwaysWinningParams();
        time.LastSeenL1Block = ticketParams.ExpirationBlock - 1;
        Assert.True(Receive(ticketParams, 1).IsAccepted);

        time.LastSeenL1Block = ticketParams.ExpirationBlock;
        var expired = Receive(ticketParams, 2);

        AssertError(expired, PaymentErrorCode.TicketParamsExpired, "TicketParams expired", fatal: false);
        Assert.True(expired.Won);

        // The nonce check runs first and recorded nonce 2 anyway.
        Assert.Equal(PaymentErrorCode.InvalidTicketSenderNonce, Receive(ticketParams, 2).Error?.Code);
    }

    [Fact]
    public void Cleanup_drops_nonces_of_expired_params_only()
    {
        var early = IssueParams();
        time.LastSeenL1Block += 5;
        var late = IssueParams();
        Assert.True(Receive(early, 1).IsAccepted);
        Assert.True(Receive(late, 1).IsAccepted);

        Assert.Equal(0, recipient.CleanupSenderNonces(early.ExpirationBlock - 1));
        Assert.Equal(1, recipient.CleanupSenderNonces(early.ExpirationBlock));
        Assert.Equal(0, recipient.CleanupSenderNonces(early.ExpirationBlock));

        // early's nonce 1 was forgotten, but its params are expired by now.
        time.LastSeenL1Block = early.ExpirationBlock;
        Assert.Equal(PaymentErrorCode.TicketParamsExpired, Receive(early, 1).Error?.Code);
        Assert.Equal(PaymentErrorCode.InvalidTicketSenderNonce, Receive(late, 1).Error?.Code);

        // Receiving early's ticket again recorded its nonce once more, so both entries go now.
        Assert.Equal(2, recipient.CleanupSenderNonces(late.ExpirationBlock));
    }

    [Fact]
    public async Task Concurrent_receipt_accepts_each_nonce_exactly_once()
    {
        var ticketParams = IssueParams();
        var tickets = Enumerable.Range(1, 100).Select(nonce => Sign(ticketParams, (uint)nonce)).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            tickets.Select(t => recipient.ReceiveTicket(t.Ticket, t.Sig, ticketParams.Seed)).ToArray())));

        var outcomes = results.SelectMany(r => r).ToArray();
        Assert.Equal(100, outcomes.Count(r => r.IsAccepted));
        Assert.Equal(300, outcomes.Count(r => r.Error?.Code == PaymentErrorCode.InvalidTicketSenderNonce));
    }

    [Fact]
    public void Secret_must_be_32_bytes()
    {
        Assert.Throws<ArgumentException>(() => new Recipient(OrchestratorAddress, new byte[31], config, time, senders, gas));
    }

    private static void AssertError(ReceiveTicketResult result, PaymentErrorCode code, string message, bool fatal)
    {
        Assert.False(result.IsAccepted);
        Assert.Equal(code, result.Error.Code);
        Assert.Equal(message, result.Error.Message);
        Assert.Equal(fatal, result.IsFatal);
    }

    private static (Ticket Ticket, byte[] Sig) Sign(TicketParams ticketParams, uint nonce)
    {
        var ticket = Ticket.Create(ticketParams, ticketParams.ExpirationParams, SenderKey.Address, nonce);
        return (ticket, SenderKey.SignPersonal(ticket.Hash().Span));
    }

    private Recipient NewRecipient() =>
        new(OrchestratorAddress, EthKey.Generate().PrivateKeyBytes(), config, time, senders, gas);

    private TicketParams IssueParams() => recipient.TicketParams(SenderKey.Address, Price).Value;

    /// <summary>
    /// Max float = EV forces face value = EV, hence winProb = 2^256 − 1; free gas keeps such a
    /// small face value above the redemption cost.
    /// </summary>
    private TicketParams IssueAlwaysWinningParams()
    {
        var (savedFloat, savedGas) = (senders.Float, gas.GasPrice);
        (senders.Float, gas.GasPrice) = (config.EV, 0);
        var ticketParams = IssueParams();
        (senders.Float, gas.GasPrice) = (savedFloat, savedGas);
        Assert.Equal(TicketEv.MaxWinProb, ticketParams.WinProb);
        return ticketParams;
    }

    private ReceiveTicketResult Receive(TicketParams ticketParams, uint nonce)
    {
        var (ticket, sig) = Sign(ticketParams, nonce);
        return recipient.ReceiveTicket(ticket, sig, ticketParams.Seed);
    }
}
