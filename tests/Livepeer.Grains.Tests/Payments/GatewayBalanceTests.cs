using Livepeer.Payments;

namespace Livepeer.Grains.Tests.Payments;

/// <summary>B's credit at one O session: go-livepeer's StageUpdate and its outcomes (see shared spec: payments.md §12.2).</summary>
public sealed class GatewayBalanceTests
{
    private static BigRational R(long numerator, long denominator = 1) => new(numerator, denominator);

    /// <summary>A balance holding <paramref name="credit"/>, reached the way a session reaches it: pay, then settle.</summary>
    private static GatewayBalance WithCredit(BigRational credit)
    {
        var balance = new GatewayBalance();
        var staged = balance.Stage(fee: R(1), ev: R(1));
        balance.Settle(staged, staged.NewCredit - credit);
        Assert.Equal(credit, balance.Credit);
        return balance;
    }

    [Fact]
    public void A_new_balance_is_empty()
    {
        Assert.Equal(BigRational.Zero, new GatewayBalance().Credit);
    }

    [Fact]
    public void A_balance_restored_from_saved_credit_stages_against_it_as_the_original_would()
    {
        var original = WithCredit(R(7, 2));
        var restored = new GatewayBalance(original.Credit);

        Assert.Equal(original.Stage(fee: R(5), ev: R(1)), restored.Stage(fee: R(5), ev: R(1)));
    }

    [Theory]
    [InlineData(25, 10, 3)] // fee above EV: ceil(25 / 10)
    [InlineData(30, 10, 3)] // an exact multiple needs no extra ticket
    [InlineData(31, 10, 4)]
    [InlineData(3, 10, 1)] // fee below EV: min credit is one ticket's EV
    [InlineData(0, 10, 1)]
    public void With_no_credit_the_tickets_cover_the_larger_of_fee_and_EV(long fee, long ev, int tickets)
    {
        var balance = new GatewayBalance();

        var staged = balance.Stage(R(fee), R(ev));

        Assert.Equal(tickets, staged.NumTickets);
        Assert.Equal(R(tickets * ev), staged.NewCredit);
        Assert.Equal(BigRational.Zero, staged.Existing);
    }

    [Fact]
    public void Ticket_counts_are_exact_over_rationals()
    {
        // 16/3 over 8/3 is exactly 2: no rounding up from floating-point error.
        Assert.Equal(2, new GatewayBalance().Stage(R(16, 3), R(8, 3)).NumTickets);

        // A hair more needs a third ticket.
        var staged = new GatewayBalance().Stage(R(16, 3) + R(1, 1_000_000_000_000), R(8, 3));
        Assert.Equal(3, staged.NumTickets);
        Assert.Equal(R(8), staged.NewCredit);

        // A realistic EV: 8e9 × (2^256 − 1) / (2^256 − 1) plus a sliver, against a 2 s 720p fee.
        var ev = R(8_000_000_000) + new BigRational(1, TicketEv.MaxWinProb);
        var fee = R(244_431_820_800);
        var realistic = new GatewayBalance().Stage(fee, ev);
        Assert.Equal(31, realistic.NumTickets); // 244.43e9 / 8e9 = 30.55…
        Assert.Equal(ev * 31, realistic.NewCredit);
    }

    [Fact]
    public void Existing_credit_reduces_the_shortfall()
    {
        var balance = WithCredit(R(1, 6));

        // (1 − 1/6) / (1/3) = 2.5, so 3 tickets.
        var staged = balance.Stage(R(1), R(1, 3));

        Assert.Equal(3, staged.NumTickets);
        Assert.Equal(R(1), staged.NewCredit);
        Assert.Equal(R(1, 6), staged.Existing);
        Assert.Equal(BigRational.Zero, balance.Credit); // reserved while the segment is in flight
    }

    [Theory]
    [InlineData(10, 5, 10)] // exactly covers max(fee, EV)
    [InlineData(50, 40, 10)]
    public void Existing_credit_that_covers_the_minimum_sends_no_tickets(long credit, long fee, long ev)
    {
        var balance = WithCredit(R(credit));

        var staged = balance.Stage(R(fee), R(ev));

        Assert.Equal(0, staged.NumTickets);
        Assert.Equal(BigRational.Zero, staged.NewCredit);
        Assert.Equal(R(credit), staged.Existing);
        Assert.Equal(BigRational.Zero, balance.Credit);
    }

    [Fact]
    public void Existing_credit_below_one_ticket_EV_still_buys_a_ticket()
    {
        // Fee 5 is covered, but min credit is max(fee, EV) = 10.
        var staged = WithCredit(R(6)).Stage(R(5), R(10));

        Assert.Equal(1, staged.NumTickets);
        Assert.Equal(R(10), staged.NewCredit);
    }

    [Fact]
    public void A_debt_is_paid_off_before_the_fee()
    {
        var staged = WithCredit(R(-5)).Stage(R(10), R(10));

        Assert.Equal(2, staged.NumTickets); // ceil((10 + 5) / 10)
        Assert.Equal(R(-5), staged.Existing);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000)]
    public void Zero_EV_is_free_work_and_sends_no_tickets(long fee)
    {
        var balance = WithCredit(R(3));

        var staged = balance.Stage(R(fee), BigRational.Zero);

        Assert.Equal(0, staged.NumTickets);
        Assert.Equal(BigRational.Zero, staged.NewCredit);
        Assert.Equal(R(3), staged.Existing);
        balance.Restore(staged);
        Assert.Equal(R(3), balance.Credit);
    }

    [Fact]
    public void Restore_gives_back_the_reserved_credit_only()
    {
        var balance = WithCredit(R(7, 2));
        var staged = balance.Stage(R(100), R(10));
        Assert.Equal(10, staged.NumTickets);

        balance.Restore(staged);

        Assert.Equal(R(7, 2), balance.Credit);
    }

    [Fact]
    public void Settle_adds_existing_and_new_credit_less_the_actual_debit()
    {
        var balance = WithCredit(R(4));
        var staged = balance.Stage(R(25), R(10));
        Assert.Equal(3, staged.NumTickets); // ceil(21 / 10)

        balance.Settle(staged, R(51, 2));

        Assert.Equal(R(4) + R(30) - R(51, 2), balance.Credit);
        Assert.Equal(R(17, 2), balance.Credit);
    }

    [Fact]
    public void A_payment_spent_without_a_reply_loses_the_credit()
    {
        var balance = WithCredit(R(9));

        _ = balance.Stage(R(25), R(10)); // sent, no usable reply: nothing to apply

        Assert.Equal(BigRational.Zero, balance.Credit);
    }

    [Fact]
    public void Concurrent_segments_each_stage_against_what_is_left()
    {
        var balance = WithCredit(R(12));

        var first = balance.Stage(R(10), R(10));
        var second = balance.Stage(R(10), R(10));

        Assert.Equal((0, R(12)), (first.NumTickets, first.Existing));
        Assert.Equal((1, BigRational.Zero), (second.NumTickets, second.Existing));

        balance.Settle(second, R(10));
        balance.Settle(first, R(10));
        Assert.Equal(R(2), balance.Credit);
    }
}
