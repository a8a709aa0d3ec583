using Livepeer.Crypto;
using Livepeer.Payments;
using Microsoft.Extensions.Time.Testing;

namespace Livepeer.Grains.Tests.Payments;

/// <summary>O's credit per (sender, manifest) (see shared spec: payments.md §12.3).</summary>
public sealed class BalancesTests
{
    private static readonly EthAddress Alice = EthAddress.Parse("0x1111111111111111111111111111111111111111");
    private static readonly EthAddress Bob = EthAddress.Parse("0x2222222222222222222222222222222222222222");

    private readonly FakeTimeProvider time = new();
    private readonly Balances balances;

    public BalancesTests() => balances = new Balances(time);

    [Fact]
    public void An_unknown_session_has_zero_balance_and_no_price()
    {
        Assert.Equal(BigRational.Zero, balances.Balance(Alice, "m"));
        Assert.Null(balances.FixedPrice(Alice, "m"));
    }

    [Fact]
    public void The_first_price_wins_and_later_ones_are_ignored()
    {
        var first = new PriceInfo(1_200, 1);

        Assert.Equal(first, balances.FixPrice(Alice, "m", first));
        Assert.Equal(first, balances.FixPrice(Alice, "m", new PriceInfo(600, 1)));
        Assert.Equal(first, balances.FixedPrice(Alice, "m"));
    }

    [Fact]
    public void A_free_first_price_is_fixed_too()
    {
        Assert.Equal(PriceInfo.Free, balances.FixPrice(Alice, "m", PriceInfo.Free));
        Assert.Equal(PriceInfo.Free, balances.FixPrice(Alice, "m", new PriceInfo(1, 1)));
    }

    [Fact]
    public void Credits_and_debits_add_up_exactly()
    {
        balances.Credit(Alice, "m", new BigRational(1, 3));
        balances.Credit(Alice, "m", new BigRational(1, 6));
        balances.Debit(Alice, "m", new BigRational(1, 4));

        Assert.Equal(new BigRational(1, 4), balances.Balance(Alice, "m"));
    }

    [Fact]
    public void A_debit_may_take_the_balance_below_zero()
    {
        balances.Credit(Alice, "m", 10);
        balances.Debit(Alice, "m", 25);

        Assert.Equal(new BigRational(-15, 1), balances.Balance(Alice, "m"));
    }

    [Fact]
    public void Sessions_are_kept_apart_by_sender_and_by_manifest()
    {
        balances.FixPrice(Alice, "m1", new PriceInfo(1, 1));
        balances.Credit(Alice, "m1", 1);
        balances.Credit(Alice, "m2", 2);
        balances.Credit(Bob, "m1", 4);

        Assert.Equal((BigRational)1, balances.Balance(Alice, "m1"));
        Assert.Equal((BigRational)2, balances.Balance(Alice, "m2"));
        Assert.Equal((BigRational)4, balances.Balance(Bob, "m1"));
        Assert.Null(balances.FixedPrice(Alice, "m2"));
        Assert.Null(balances.FixedPrice(Bob, "m1"));
    }

    [Fact]
    public void Sweep_drops_sessions_idle_for_more_than_ten_minutes_only()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), Balances.IdleTimeout);
        balances.FixPrice(Alice, "old", new PriceInfo(1, 1));
        balances.Credit(Alice, "old", 5);
        time.Advance(TimeSpan.FromMinutes(4));
        balances.Credit(Bob, "recent", 7);

        time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(0, balances.Sweep()); // "old" is exactly ten minutes idle: not yet

        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(1, balances.Sweep());
        Assert.Equal(BigRational.Zero, balances.Balance(Alice, "old"));
        Assert.Null(balances.FixedPrice(Alice, "old"));
        Assert.Equal((BigRational)7, balances.Balance(Bob, "recent"));

        time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, balances.Sweep());
        Assert.Equal(0, balances.Sweep());
    }

    [Fact]
    public void Credit_debit_and_fixing_the_price_keep_a_session_alive_but_reads_do_not()
    {
        foreach (var manifest in new[] { "credit", "debit", "price", "read" })
            balances.Credit(Alice, manifest, 5);

        time.Advance(TimeSpan.FromMinutes(9));
        balances.Credit(Alice, "credit", 1);
        balances.Debit(Alice, "debit", 1);
        balances.FixPrice(Alice, "price", new PriceInfo(1, 1));
        _ = balances.Balance(Alice, "read");
        _ = balances.FixedPrice(Alice, "read");

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, balances.Sweep());
        Assert.Equal(BigRational.Zero, balances.Balance(Alice, "read"));
        Assert.Equal((BigRational)6, balances.Balance(Alice, "credit"));
        Assert.Equal((BigRational)4, balances.Balance(Alice, "debit"));
        Assert.Equal((BigRational)5, balances.Balance(Alice, "price"));
        Assert.Equal(new PriceInfo(1, 1), balances.FixedPrice(Alice, "price"));
    }

    [Fact]
    public void A_swept_session_starts_afresh_with_a_new_price()
    {
        balances.FixPrice(Alice, "m", new PriceInfo(1, 1));
        balances.Credit(Alice, "m", 3);
        time.Advance(Balances.IdleTimeout + TimeSpan.FromSeconds(1));
        balances.Sweep();

        Assert.Equal(new PriceInfo(2, 1), balances.FixPrice(Alice, "m", new PriceInfo(2, 1)));
        Assert.Equal(BigRational.Zero, balances.Balance(Alice, "m"));
    }
}
