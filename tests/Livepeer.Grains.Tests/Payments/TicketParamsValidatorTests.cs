using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;

namespace Livepeer.Grains.Tests.Payments;

/// <summary>B's §9.2 checks, one failing input at a time and in order.</summary>
public class TicketParamsValidatorTests
{
    private const long LastSeenL1Block = 1_000;
    private const long Round = 3_000;

    // EV = 1e16 × (max / 4000) / max ≈ 2.5e12: under the 3e12 per-ticket cap.
    private static readonly TicketParams Valid = new()
    {
        Recipient = EthAddress.Parse("0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F"),
        FaceValue = BigInteger.Pow(10, 16),
        WinProb = TicketEv.MaxWinProb / 4_000,
        RecipientRandHash = Hash32.FromBytes(Keccak256.Hash("rand"u8)),
        Seed = 1,
        ExpirationBlock = LastSeenL1Block + 40,
        PricePerPixel = new PriceInfo(1, 1),
        ExpirationParams = new TicketExpirationParams(Round, Hash32.FromBytes(Keccak256.Hash("block"u8))),
    };

    private static readonly SenderInfo Funded = new(Deposit: BigInteger.Pow(10, 18), Reserve: BigInteger.Pow(10, 18), WithdrawRound: 0);
    private static readonly SenderLimits Limits = new();

    [Fact]
    public void Default_limits_are_go_livepeers()
    {
        Assert.Equal((BigRational)3_000_000_000_000, Limits.MaxEV);
        Assert.Equal((BigRational)20_000_000_000_000, Limits.MaxTotalEV);
        Assert.Equal(1, Limits.DepositMultiplier);
    }

    [Fact]
    public void Valid_params_pass()
    {
        Assert.Null(Validate(Valid));
    }

    [Fact]
    public void Zero_expiration_block_is_refused_before_anything_else()
    {
        var error = Validate(Valid with { ExpirationBlock = 0, FaceValue = 0 }, senderInfo: Funded with { Deposit = 0 });
        Assert.Equal(PaymentErrorCode.MissingExpirationBlock, error?.Code);
    }

    [Theory]
    [InlineData(LastSeenL1Block + 1, true)]
    [InlineData(LastSeenL1Block, true)]
    [InlineData(LastSeenL1Block - 5, true)]
    [InlineData(LastSeenL1Block + 2, false)]
    public void Params_within_one_block_of_expiry_are_expired(long expirationBlock, bool expired)
    {
        var error = Validate(Valid with { ExpirationBlock = expirationBlock });
        Assert.Equal(expired ? PaymentErrorCode.TicketParamsExpired : null, error?.Code);
        if (expired)
        {
            Assert.Equal("TicketParams expired", error?.Message);
        }
    }

    [Fact]
    public void Zero_EV_is_free_work_and_skips_the_remaining_checks()
    {
        var broke = new SenderInfo(0, 0, WithdrawRound: 1);
        Assert.Null(Validate(Valid with { WinProb = 0 }, senderInfo: broke));
        Assert.Null(Validate(Valid with { FaceValue = 0 }, senderInfo: broke));
    }

    [Fact]
    public void EV_at_or_above_face_value_is_refused()
    {
        var certain = Valid with { FaceValue = 1_000, WinProb = TicketEv.MaxWinProb };
        var error = Validate(certain);
        Assert.Equal(PaymentErrorCode.FaceValueTooLow, error?.Code);
        Assert.Equal("ticket faceValue too low faceValue=1000", error?.Message);
    }

    [Fact]
    public void EV_above_max_ticket_EV_is_refused()
    {
        var error = Validate(Valid with { WinProb = TicketEv.MaxWinProb / 2_000 });
        Assert.Equal(PaymentErrorCode.TicketEVTooHigh, error?.Code);
        Assert.Equal("ticket EV 5000000000000.00000 > max ticket EV 3000000000000.00000", error?.Message);
    }

    [Theory]
    [InlineData(3_001, true)]
    [InlineData(3_002, false)]
    public void Sender_unlocking_soon_is_refused(long withdrawRound, bool refused)
    {
        var error = Validate(Valid, senderInfo: Funded with { WithdrawRound = withdrawRound });
        Assert.Equal(refused ? "unable to validate sender: deposit and reserve is set to unlock soon" : null, error?.Message);
    }

    [Fact]
    public void Sender_without_reserve_or_deposit_is_refused_reserve_first()
    {
        Assert.Equal("no sender reserve", Validate(Valid, senderInfo: new SenderInfo(0, 0, 0))?.Message);
        Assert.Equal("no sender deposit", Validate(Valid, senderInfo: Funded with { Deposit = 0 })?.Message);
    }

    [Fact]
    public void Total_EV_of_the_batch_is_capped()
    {
        Assert.Null(Validate(Valid, ticketCount: 7));
        var error = Validate(Valid, ticketCount: 9);
        Assert.Equal(PaymentErrorCode.TotalTicketEVTooHigh, error?.Code);
        Assert.StartsWith("total ticket EV 22500000000000.0", error?.Message);
        Assert.EndsWith("for 9 tickets > max total ticket EV 20000000000000.00000", error?.Message);
    }

    [Fact]
    public void Face_value_above_deposit_over_multiplier_is_refused()
    {
        var thinDeposit = Funded with { Deposit = BigInteger.Pow(10, 16) };
        Assert.Null(Validate(Valid, senderInfo: thinDeposit));

        var error = Validate(Valid, senderInfo: thinDeposit, limits: Limits with { DepositMultiplier = 2 });
        Assert.Equal(PaymentErrorCode.FaceValueTooHigh, error?.Code);
        Assert.Equal("ticket faceValue 10000000000000000 > max faceValue 5000000000000000", error?.Message);
    }

    [Fact]
    public void Checks_run_in_spec_order()
    {
        // Each step's input is broken together with every later one; the earliest must win.
        var everythingWrong = Valid with { FaceValue = 1_000, WinProb = TicketEv.MaxWinProb };
        var broke = new SenderInfo(0, 0, WithdrawRound: 1);

        Assert.Equal(PaymentErrorCode.TicketParamsExpired, Validate(everythingWrong with { ExpirationBlock = LastSeenL1Block }, senderInfo: broke)?.Code);
        Assert.Equal(PaymentErrorCode.FaceValueTooLow, Validate(everythingWrong, senderInfo: broke)?.Code);
        Assert.Equal(PaymentErrorCode.TicketEVTooHigh, Validate(Valid with { WinProb = TicketEv.MaxWinProb / 2 }, senderInfo: broke)?.Code);
        Assert.Equal(PaymentErrorCode.SenderUnlocking, Validate(Valid, ticketCount: 100, senderInfo: broke)?.Code);
        Assert.Equal(PaymentErrorCode.TotalTicketEVTooHigh, Validate(Valid, ticketCount: 100, senderInfo: Funded with { Deposit = 1 })?.Code);
    }

    [Fact]
    public void Ticket_count_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Validate(Valid, ticketCount: 0));
    }

    private static PaymentError? Validate(TicketParams ticketParams, int ticketCount = 1, SenderInfo? senderInfo = null, SenderLimits? limits = null) =>
        TicketParamsValidator.Validate(ticketParams, ticketCount, LastSeenL1Block, Round, senderInfo ?? Funded, limits ?? Limits);
}
