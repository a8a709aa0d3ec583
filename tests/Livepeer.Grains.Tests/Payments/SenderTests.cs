using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;

namespace Livepeer.Grains.Tests.Payments;

public class SenderTests
{
    private static readonly EthKey Key = EthKey.FromHex("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");

    private readonly FakeTimeManager time = new();
    private readonly FakeSenderMonitor chain = new();
    private readonly Sender sender;

    public SenderTests() => sender = new Sender(Key, time, chain, new SenderLimits());

    [Fact]
    public void Session_id_is_the_recipient_rand_hash_hex()
    {
        var ticketParams = Params();
        Assert.Equal(ticketParams.RecipientRandHash.ToString(), sender.StartSession(ticketParams));
        Assert.Equal(Key.Address, sender.Address);
    }

    [Fact]
    public void First_ticket_carries_nonce_1_and_nonces_continue_across_batches()
    {
        var sessionId = sender.StartSession(Params());
        Assert.Equal(0u, sender.Nonce(sessionId));

        var first = sender.CreateTicketBatch(sessionId, 1).Value;
        var second = sender.CreateTicketBatch(sessionId, 3).Value;

        Assert.Equal([1u], first.SenderParams.Select(p => p.SenderNonce));
        Assert.Equal([2u, 3u, 4u], second.SenderParams.Select(p => p.SenderNonce));
        Assert.Equal(4u, sender.Nonce(sessionId));
    }

    [Fact]
    public void New_params_start_a_new_nonce_sequence()
    {
        var first = sender.StartSession(Params());
        sender.CreateTicketBatch(first, 2);
        var second = sender.StartSession(Params());

        Assert.NotEqual(first, second);
        Assert.Equal([1u], sender.CreateTicketBatch(second, 1).Value.SenderParams.Select(p => p.SenderNonce));
    }

    [Fact]
    public void Exported_nonce_resumes_after_a_restart()
    {
        var ticketParams = Params();
        var sessionId = sender.StartSession(ticketParams);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(sender.CreateTicketBatch(sessionId, 1).IsSuccess);
        }

        var persisted = sender.Nonce(sessionId)!.Value;

        var restarted = new Sender(Key, time, chain, new SenderLimits());
        Assert.Equal(sessionId, restarted.StartSessionWithNonce(ticketParams, persisted));

        Assert.Equal(5u, persisted);
        Assert.Equal([6u], restarted.CreateTicketBatch(sessionId, 1).Value.SenderParams.Select(p => p.SenderNonce));
    }

    [Fact]
    public void Restarting_a_known_session_never_moves_its_nonce_back()
    {
        var ticketParams = Params();
        var sessionId = sender.StartSession(ticketParams);
        sender.CreateTicketBatch(sessionId, 3);

        sender.StartSession(ticketParams);
        Assert.Equal(3u, sender.Nonce(sessionId));

        sender.StartSessionWithNonce(ticketParams, 1);
        Assert.Equal(3u, sender.Nonce(sessionId));

        sender.StartSessionWithNonce(ticketParams, 10);
        Assert.Equal([11u], sender.CreateTicketBatch(sessionId, 1).Value.SenderParams.Select(p => p.SenderNonce));
    }

    [Fact]
    public void Tickets_are_signed_over_their_hash_by_the_sender()
    {
        var ticketParams = Params();
        var batch = sender.CreateTicketBatch(sender.StartSession(ticketParams), 2).Value;

        Assert.Equal(Key.Address, batch.Sender);
        Assert.Same(ticketParams, batch.TicketParams);
        Assert.Same(ticketParams.ExpirationParams, batch.ExpirationParams);
        var tickets = batch.Tickets();
        Assert.Equal(2, tickets.Count);
        for (var i = 0; i < tickets.Count; i++)
        {
            Assert.Equal(batch.SenderParams[i].SenderNonce, tickets[i].SenderNonce);
            Assert.Equal(SignatureCheck.Valid, EthSignature.VerifyPersonal(tickets[i].Hash().Span, batch.SenderParams[i].Sig, Key.Address));
        }
    }

    [Theory]
    [InlineData(0, "0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData(0, "7624778dedc75f8b322b9fa1632a610d40b85e106c7d9bf0e743a9ce291b9c6f")]
    [InlineData(7, "0000000000000000000000000000000000000000000000000000000000000000")]
    public void Missing_or_zero_expiration_params_are_filled_from_the_senders_round(long creationRound, string blockHash)
    {
        // Either field being zero is enough to take B's own round and hash (go-livepeer sender.go).
        var ticketParams = Params() with { ExpirationParams = new TicketExpirationParams(creationRound, Hash32.Parse(blockHash)) };

        var batch = sender.CreateTicketBatch(sender.StartSession(ticketParams), 1).Value;

        Assert.Equal(new TicketExpirationParams(time.LastInitializedRound, time.LastInitializedL1BlockHash), batch.ExpirationParams);
        Assert.Same(batch.ExpirationParams, batch.Tickets()[0].ExpirationParams);
    }

    [Fact]
    public void Complete_expiration_params_from_O_are_kept()
    {
        var fromO = new TicketExpirationParams(7, Hash32.FromBytes(Keccak256.Hash("o"u8)));
        var ticketParams = Params() with { ExpirationParams = fromO };

        Assert.Same(fromO, sender.CreateTicketBatch(sender.StartSession(ticketParams), 1).Value.ExpirationParams);
    }

    [Fact]
    public void Invalid_params_refuse_the_batch_without_consuming_nonces()
    {
        var ticketParams = Params();
        var sessionId = sender.StartSession(ticketParams);
        time.LastSeenL1Block = ticketParams.ExpirationBlock - 1;

        var refused = sender.CreateTicketBatch(sessionId, 1);

        Assert.Equal(PaymentErrorCode.TicketParamsExpired, refused.Error?.Code);
        Assert.Equal(0u, sender.Nonce(sessionId));
        Assert.Equal(PaymentErrorCode.TicketParamsExpired, sender.ValidateTicketParams(ticketParams)?.Code);
    }

    [Fact]
    public void Validation_uses_the_senders_own_chain_state_and_batch_size()
    {
        var ticketParams = Params();
        var sessionId = sender.StartSession(ticketParams);

        Assert.Null(sender.ValidateTicketParams(ticketParams));
        Assert.Equal(PaymentErrorCode.TotalTicketEVTooHigh, sender.CreateTicketBatch(sessionId, 9).Error?.Code);

        chain.Info = chain.Info with { Reserve = 0 };
        Assert.Equal("no sender reserve", sender.ValidateTicketParams(ticketParams)?.Message);
    }

    [Fact]
    public void Unknown_and_cleaned_up_sessions_are_errors()
    {
        var sessionId = sender.StartSession(Params());
        sender.CleanupSession(sessionId);

        Assert.Equal(PaymentErrorCode.UnknownSession, sender.CreateTicketBatch(sessionId, 1).Error?.Code);
        Assert.Equal($"error loading session: {sessionId}", sender.EV(sessionId).Error?.Message);
        Assert.Null(sender.Nonce(sessionId));
    }

    [Fact]
    public void EV_is_the_sessions_ticket_EV()
    {
        var ticketParams = Params();
        Assert.Equal(ticketParams.EV, sender.EV(sender.StartSession(ticketParams)).Value);
    }

    [Fact]
    public void Nonces_never_wrap()
    {
        var sessionId = sender.StartSessionWithNonce(Params(), uint.MaxValue - 1);

        Assert.Equal([uint.MaxValue], sender.CreateTicketBatch(sessionId, 1).Value.SenderParams.Select(p => p.SenderNonce));
        var exhausted = sender.CreateTicketBatch(sessionId, 1);
        Assert.Equal(PaymentErrorCode.SenderNonceExhausted, exhausted.Error?.Code);
        Assert.Equal(uint.MaxValue, sender.Nonce(sessionId));
    }

    [Fact]
    public async Task Concurrent_batches_never_share_a_nonce()
    {
        var sessionId = sender.StartSession(Params());

        var batches = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => sender.CreateTicketBatch(sessionId, 2).Value)));

        var nonces = batches.SelectMany(b => b.SenderParams).Select(p => p.SenderNonce).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, 24).Select(n => (uint)n), nonces);
    }

    [Fact]
    public void Batch_size_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => sender.CreateTicketBatch(sender.StartSession(Params()), 0));
    }

    /// <summary>Params as an O would send them: EV ≈ 2.5e12 wei, 40 blocks to expiry.</summary>
    private TicketParams Params() => new()
    {
        Recipient = EthAddress.Parse("0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F"),
        FaceValue = BigInteger.Pow(10, 16),
        WinProb = TicketEv.MaxWinProb / 4_000,
        RecipientRandHash = Hash32.FromBytes(Keccak256.Hash(Guid.NewGuid().ToByteArray())),
        Seed = 1,
        ExpirationBlock = time.LastSeenL1Block + 40,
        PricePerPixel = new PriceInfo(1, 1),
        ExpirationParams = new TicketExpirationParams(time.LastInitializedRound, time.LastInitializedL1BlockHash),
    };
}
