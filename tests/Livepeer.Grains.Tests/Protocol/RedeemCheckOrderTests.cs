using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;
using Livepeer.Protocol;
using static Livepeer.Grains.Tests.Protocol.BrokerTestKit;

namespace Livepeer.Grains.Tests.Protocol;

/// <summary>
/// redeemWinningTicket's checks and their order (see shared spec: protocol-contracts.md §2, §8.1, §8.2, §7.3).
/// Each case breaks one check; the ordering test breaks that check and every later one at once, and expects
/// the earliest, as the contract reports.
/// </summary>
public class RedeemCheckOrderTests
{
    private const int Rand = 777;
    private const int FaceValue = 100;

    private static readonly BigInteger CurveOrder = BigIntegerEncoding.FromUnsigned(
        Convert.FromHexString("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"));

    /// <summary>Every way to fail a redemption, in the contract's order, with its revert string.</summary>
    private static readonly (string Reason, Func<Scenario, Scenario> Break)[] Checks =
    [
        (TicketBrokerErrors.SystemPaused, s => s with { Paused = true }),
        (TicketBrokerErrors.CurrentRoundNotInitialized, s => s with { RoundUninitialized = true }),
        (TicketBrokerErrors.RecipientIsNull, s => s with { NullRecipient = true }),
        (TicketBrokerErrors.SenderIsNull, s => s with { NullSender = true }),
        (TicketBrokerErrors.InvalidAuxDataLength, s => s with { AuxData = _ => new byte[32] }),
        (TicketBrokerErrors.CreationRoundHasNoBlockHash, s => s with { AuxData = b => AuxData(b.CurrentRound + 5, BlockHash(b.CurrentRound + 5)) }),
        (TicketBrokerErrors.CreationRoundBlockHashInvalid, s => s with { AuxData = b => AuxData(b.CurrentRound, BlockHash(b.CurrentRound + 99)) }),
        (TicketBrokerErrors.TicketExpired, s => s with { AuxData = b => AuxData(b.CurrentRound - 2, b.BlockHashForRound(b.CurrentRound - 2)) }),
        (TicketBrokerErrors.RecipientRandMismatch, s => s with { RandMismatch = true }),
        (TicketBrokerErrors.TicketUsed, s => s with { MarkUsed = true }),
        (TicketBrokerErrors.InvalidSignatureLength, s => s.Tamper(sig => sig[..64])),
        (TicketBrokerErrors.EcdsaInvalidS, s => s.Tamper(HighS)),
        (TicketBrokerErrors.EcdsaInvalidV, s => s.Tamper(sig => [.. sig[..64], 1])),
        (TicketBrokerErrors.EcdsaInvalidSignature, s => s.Tamper(sig => [.. new byte[32], .. sig[32..]])),
        (TicketBrokerErrors.InvalidTicketSignature, s => s with { Signer = StrangerKey }),
        (TicketBrokerErrors.TicketDidNotWin, s => s with { Loses = true }),
        (TicketBrokerErrors.SenderUnlocked, s => s with { Unlocked = true }),
        (TicketBrokerErrors.SenderDepositAndReserveZero, s => s with { Unfunded = true }),
        (TicketBrokerErrors.TranscoderNotRegistered, s => s with { UnregisteredRecipient = true }),
    ];

    public static TheoryData<int> CheckIndexes => [.. Enumerable.Range(0, Checks.Length)];

    [Fact]
    public void The_unbroken_scenario_redeems()
    {
        var result = Run(new Scenario());

        Succeeds(result);
        Assert.Equal(2, result.Events.Count);
    }

    [Theory]
    [MemberData(nameof(CheckIndexes))]
    public void Each_check_alone_reverts_with_its_reason(int index)
    {
        var (reason, breakIt) = Checks[index];

        RevertsWith(reason, Run(breakIt(new Scenario())));
    }

    [Theory]
    [MemberData(nameof(CheckIndexes))]
    public void With_every_later_check_also_broken_the_earliest_is_reported(int index)
    {
        // Later breakers go first, so where two touch the same field the earlier check's change wins.
        var scenario = new Scenario();
        for (var i = Checks.Length - 1; i >= index; i--)
        {
            scenario = Checks[i].Break(scenario);
        }

        RevertsWith(Checks[index].Reason, Run(scenario));
    }

    [Fact]
    public void A_rejected_redemption_changes_nothing()
    {
        var broker = NewBroker();
        Succeeds(broker.FundDepositAndReserve(Gateway, 2_000, 1_000, 1_000));
        var ticket = NewTicket(broker, FaceValue, Rand, recipient: Orch3);

        RevertsWith(TicketBrokerErrors.TranscoderNotRegistered, Redeem(broker, ticket, Rand));

        // The registration check sits in BondingManager, after the ticket is marked used: the revert undoes it.
        Assert.False(broker.IsUsedTicket(ticket.Hash()));
        Assert.Equal(1_000, broker.GetSenderInfo(Gateway).Deposit);
        Assert.Equal(BigInteger.Zero, broker.FeesCredited(Orch3));
    }

    [Fact]
    public void Replaying_a_used_ticket_with_a_forged_signature_reports_used_first()
    {
        var broker = NewBroker();
        Succeeds(broker.FundDeposit(Gateway, 1_000));
        var ticket = NewTicket(broker, FaceValue, Rand);
        Succeeds(Redeem(broker, ticket, Rand));

        RevertsWith(TicketBrokerErrors.TicketUsed, Redeem(broker, ticket, Rand, StrangerKey));
        RevertsWith(TicketBrokerErrors.TicketUsed, Redeem(broker, ticket, Rand));
        Assert.Equal(900, broker.GetSenderInfo(Gateway).Deposit);
    }

    [Fact]
    public void A_sender_mid_unlock_can_still_be_redeemed_against_until_its_withdraw_round()
    {
        // Unlock in round 10 with period 2: redeemable in 10 and 11, "sender is unlocked" from 12 (spec §8.2 step 8).
        var broker = NewBroker();
        Succeeds(broker.FundDeposit(Gateway, 1_000));
        Succeeds(broker.Unlock(Gateway));

        AdvanceTo(broker, StartRound + 1);
        Succeeds(Redeem(broker, NewTicket(broker, FaceValue, 1), 1));

        AdvanceTo(broker, StartRound + 2);
        RevertsWith(TicketBrokerErrors.SenderUnlocked, Redeem(broker, NewTicket(broker, FaceValue, 2), 2));
    }

    [Fact]
    public void A_ticket_is_redeemable_in_its_creation_round_and_the_next_only()
    {
        // ticketValidityPeriod 2: created in N, redeemable in N and N+1, expired in N+2 (spec §8.2 step 3).
        var broker = NewBroker();
        Succeeds(broker.FundDeposit(Gateway, 1_000));
        var first = NewTicket(broker, FaceValue, 1);
        var second = NewTicket(broker, FaceValue, 2);

        AdvanceTo(broker, StartRound + 1);
        Succeeds(Redeem(broker, first, 1));

        AdvanceTo(broker, StartRound + 2);
        RevertsWith(TicketBrokerErrors.TicketExpired, Redeem(broker, second, 2));
    }

    [Fact]
    public void A_round_that_was_skipped_has_no_block_hash()
    {
        var broker = NewBroker();
        Succeeds(broker.FundDeposit(Gateway, 1_000));
        Succeeds(broker.AdvanceRound(StartRound + 2, BlockHash(StartRound + 2)));
        Assert.True(broker.BlockHashForRound(StartRound + 1).IsZero);

        var ticket = NewTicket(broker, FaceValue, 1) with { AuxData = AuxData(StartRound + 1, BlockHash(StartRound + 1)) };

        RevertsWith(TicketBrokerErrors.CreationRoundHasNoBlockHash, Redeem(broker, ticket, 1));
    }

    [Fact]
    public void A_creation_round_beyond_any_round_has_no_block_hash()
    {
        var broker = NewBroker();
        Succeeds(broker.FundDeposit(Gateway, 1_000));
        var auxData = new byte[64];
        Array.Fill(auxData, (byte)0xff, 0, 32);
        var ticket = NewTicket(broker, FaceValue, 1) with { AuxData = auxData };

        RevertsWith(TicketBrokerErrors.CreationRoundHasNoBlockHash, Redeem(broker, ticket, 1));
    }

    private static byte[] HighS(byte[] sig)
    {
        var s = BigIntegerEncoding.FromUnsigned(sig.AsSpan(32, 32));
        var flipped = (byte[])sig.Clone();
        BigIntegerEncoding.WriteUint256(CurveOrder - s, flipped.AsSpan(32, 32));
        flipped[64] = (byte)(sig[64] == 27 ? 28 : 27);
        return flipped;
    }

    private static LedgerResult Run(Scenario scenario)
    {
        var broker = NewBroker();
        if (!scenario.Unfunded || scenario.Unlocked)
        {
            Succeeds(broker.FundDepositAndReserve(Gateway, 2_000, 1_000, 1_000));
        }

        if (scenario.Unlocked)
        {
            Succeeds(broker.Unlock(Gateway));
            AdvanceTo(broker, broker.CurrentRound + broker.UnlockPeriod);
            if (scenario.Unfunded)
            {
                Succeeds(broker.Withdraw(Gateway));
            }
        }

        var ticket = new BrokerTicket
        {
            Recipient = scenario.NullRecipient ? EthAddress.Zero : scenario.UnregisteredRecipient ? Orch3 : Orch1,
            Sender = scenario.NullSender ? EthAddress.Zero : Gateway,
            FaceValue = FaceValue,
            WinProb = scenario.Loses ? BigInteger.Zero : BigIntegerEncoding.MaxUint256,
            SenderNonce = 1,
            RecipientRandHash = RecipientRand.Hash(scenario.RandMismatch ? Rand + 1 : Rand),
            AuxData = scenario.AuxData?.Invoke(broker) ?? AuxData(broker.CurrentRound, broker.BlockHashForRound(broker.CurrentRound)),
        };
        var sig = scenario.TamperSig(Sign(ticket, scenario.Signer));

        if (scenario.MarkUsed)
        {
            broker.State.UsedTickets[ticket.Hash()] = broker.CurrentRound;
        }

        if (scenario.RoundUninitialized)
        {
            broker.AdvanceRound(broker.CurrentRound + 1);
        }

        broker.SetPaused(scenario.Paused);
        return broker.RedeemWinningTicket(ticket, sig, Rand);
    }

    private sealed record Scenario
    {
        public bool Paused { get; init; }

        public bool RoundUninitialized { get; init; }

        public bool NullRecipient { get; init; }

        public bool NullSender { get; init; }

        public Func<EmbeddedTicketBroker, byte[]>? AuxData { get; init; }

        public bool RandMismatch { get; init; }

        public bool MarkUsed { get; init; }

        public Func<byte[], byte[]> TamperSig { get; init; } = sig => sig;

        public EthKey Signer { get; init; } = GatewayKey;

        public bool Loses { get; init; }

        public bool Unlocked { get; init; }

        public bool Unfunded { get; init; }

        public bool UnregisteredRecipient { get; init; }

        /// <summary>Applies <paramref name="tamper"/> after any earlier tampering.</summary>
        public Scenario Tamper(Func<byte[], byte[]> tamper)
        {
            var previous = TamperSig;
            return this with { TamperSig = sig => tamper(previous(sig)) };
        }
    }
}
