using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;

namespace Livepeer.Grains.Tests.Payments;

public sealed class WinningTicketQueueTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    private static SignedTicket Ticket(uint nonce, long expirationBlock, long creationRound) => new(new Ticket
    {
        Recipient = EthAddress.Parse("0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F"),
        Sender = EthAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
        FaceValue = 1000,
        WinProb = 1,
        SenderNonce = nonce,
        RecipientRandHash = Hash32.Zero,
        ExpirationParams = new TicketExpirationParams(creationRound, Hash32.Zero),
        ParamsExpirationBlock = expirationBlock,
        PricePerPixel = new PriceInfo(1, 1),
    }, new byte[65], BigInteger.One);

    [Fact]
    public void Only_tickets_whose_params_expired_are_due_in_arrival_order()
    {
        var queue = new WinningTicketQueue(new WinningTicketQueueState());
        queue.Add(Ticket(1, expirationBlock: 140, creationRound: 10), Now);
        queue.Add(Ticket(2, expirationBlock: 100, creationRound: 10), Now);
        queue.Add(Ticket(3, expirationBlock: 120, creationRound: 10), Now);

        Assert.Empty(queue.Due(latestL1Block: 99, lastInitializedRound: 10));
        Assert.Equal([2u, 3u], queue.Due(120, 10).Select(t => t.Ticket.Ticket.SenderNonce));
        Assert.Equal([1u, 2u, 3u], queue.Due(140, 10).Select(t => t.Ticket.Ticket.SenderNonce));
    }

    [Fact]
    public void The_same_ticket_is_queued_once()
    {
        var queue = new WinningTicketQueue(new WinningTicketQueueState());

        Assert.True(queue.Add(Ticket(1, 100, 10), Now));
        Assert.False(queue.Add(Ticket(1, 100, 10), Now));
        Assert.Equal(1, queue.Count);
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(11, false)]
    [InlineData(12, true)]
    public void Tickets_past_the_validity_period_are_stale(long lastInitializedRound, bool stale)
    {
        var queue = new WinningTicketQueue(new WinningTicketQueueState());
        queue.Add(Ticket(1, 100, creationRound: 10), Now);

        Assert.Equal(stale, queue.Due(100, lastInitializedRound).Count == 0);
        Assert.Equal(stale ? 1 : 0, queue.RemoveStale(lastInitializedRound).Count);
        Assert.Equal(stale ? 0 : 1, queue.Count);
    }

    [Fact]
    public void Failures_are_recorded_and_removal_empties_the_queue()
    {
        var queue = new WinningTicketQueue(new WinningTicketQueueState());
        queue.Add(Ticket(1, 100, 10), Now);
        var queued = queue.Tickets[0];

        WinningTicketQueue.RecordFailure(queued, "RPC down");
        WinningTicketQueue.RecordFailure(queued, "RPC still down");
        Assert.Equal((2, "RPC still down"), (queued.Attempts, queued.LastError));

        queue.Remove(queued);
        Assert.Equal(0, queue.Count);
    }

    [Theory]
    [InlineData("ticket is used", true)]
    [InlineData("ticket already used", true)]
    [InlineData("transaction failed: status 0", true)]
    [InlineData("ticket creationRound does not have a block hash", true)]
    [InlineData("sender deposit and reserve are zero", false)]
    [InlineData("current round is not initialized", false)]
    [InlineData("connection refused", false)]
    public void Final_errors_are_go_livepeers_non_retryable_ones(string error, bool final) =>
        Assert.Equal(final, RedemptionErrors.IsFinal(error));
}
