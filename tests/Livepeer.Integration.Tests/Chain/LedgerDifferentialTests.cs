using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Ethereum;
using Livepeer.Payments;
using Livepeer.Protocol;
using Livepeer.Protocol.Ethereum;

namespace Livepeer.Integration.Tests.Chain;

/// <summary>
/// The same scenario on the TicketBroker contract (anvil) and on <see cref="EmbeddedTicketBroker"/>: same sender,
/// recipient, amounts and signed tickets. After every step both ledgers must agree on the outcome (revert reason,
/// the events the chain client decodes), the sender's deposit, reserve and withdraw round (relative to the current
/// round), each ticket's used flag and the fees paid to the recipient. The embedded broker is fed the chain's rounds
/// and block hashes, so the tickets' expiration params are valid on both.
/// </summary>
public sealed class LedgerDifferentialTests(LongRoundsProtocolFixture fixture) : IClassFixture<LongRoundsProtocolFixture>
{
    private static readonly BigInteger F = OnChainScenario.FaceValue;

    private readonly OnChainScenario scenario = new(fixture);
    private readonly EmbeddedTicketBroker embedded = new();
    private readonly List<Hash32> ticketHashes = [];

    private EthAddress Broadcaster => fixture.Broadcaster.Address;

    private EthAddress Orchestrator => fixture.Orchestrator.Address;

    [Fact]
    public async Task Funding_redemptions_replay_batch_and_unlock_leave_both_ledgers_in_the_same_state()
    {
        await scenario.EnsureActiveOrchestratorAsync();
        embedded.SetTranscoderPool([Orchestrator]); // the chain's pool: this orchestrator alone
        await SyncRoundAsync();
        var funder = fixture.TicketBroker(fixture.Broadcaster);
        var redeemer = fixture.TicketBroker(fixture.Orchestrator);

        // The deposit covers one and a half tickets; the reserve (all claimable by the only active transcoder)
        // covers the next half ticket and a quarter of the one after.
        var deposit = F + F / 2;
        var reserve = F / 2 + F / 4;
        await StepAsync("fund", () => funder.FundDepositAndReserveAsync(deposit, reserve),
            () => embedded.FundDepositAndReserve(Broadcaster, deposit + reserve, deposit, reserve));

        // Tickets issued at the start of a round are redeemed in it once their params expired (40 of its 50 blocks).
        await fixture.StartNextRoundAsync();
        await SyncRoundAsync();
        // Our Recipient sets face values its share of the reserve covers in full; judged by the funds the scenario
        // starts with it would refuse, so it is shown a reserve of one face value.
        var (signed, expirationBlock) = await scenario.SignedWinnersAsync(5, new SenderInfo(deposit, F, 0));
        var tickets = signed.Select(WinningTicket.From).ToList();
        ticketHashes.AddRange(tickets.Select(t => t.Ticket.Hash()));
        await scenario.MineToAsync(expirationBlock);
        await fixture.InitializeCurrentRoundAsync();
        await SyncRoundAsync();
        await AssertSameStateAsync("tickets issued");

        await StepAsync("redeem from the deposit", () => redeemer.RedeemWinningTicketAsync(tickets[0]),
            () => embedded.RedeemWinningTicket(signed[0]));
        Assert.Equal(deposit - F, embedded.GetSenderInfo(Broadcaster).Deposit);

        await StepAsync("redeem past the deposit, the reserve pays the rest", () => redeemer.RedeemWinningTicketAsync(tickets[1]),
            () => embedded.RedeemWinningTicket(signed[1]));
        Assert.True(embedded.GetSenderInfo(Broadcaster).Deposit.IsZero);
        Assert.True(embedded.GetReserveInfo(Broadcaster).FundsRemaining < reserve);

        var replay = await StepAsync("replay a used ticket", () => redeemer.RedeemWinningTicketAsync(tickets[0]),
            () => embedded.RedeemWinningTicket(signed[0]));
        Assert.Equal(TicketBrokerErrors.TicketUsed, replay);

        // The first of the batch gets what is left of the reserve (part of its face value); the second then finds the
        // deposit and reserve empty and fails inside the batch, which succeeds and leaves that ticket unused.
        BatchRedeemResult? batch = null;
        await StepAsync("batch of 2", () => redeemer.BatchRedeemWinningTicketsAsync([tickets[2], tickets[3]]),
            () => (batch = embedded.BatchRedeemWinningTickets([signed[2], signed[3]])).Transaction);
        Assert.Equal([null, TicketBrokerErrors.SenderDepositAndReserveZero], batch!.Tickets.Select(t => t.RevertReason));
        Assert.True(embedded.GetReserveInfo(Broadcaster).FundsRemaining.IsZero);

        var emptyUnlock = await StepAsync("unlock with nothing left", () => funder.UnlockAsync(), () => embedded.Unlock(Broadcaster));
        Assert.Equal(TicketBrokerErrors.SenderDepositAndReserveZero, emptyUnlock);

        await StepAsync("fund the deposit again", () => funder.FundDepositAndReserveAsync(2 * F, 0),
            () => embedded.FundDepositAndReserve(Broadcaster, 2 * F, 2 * F, 0));
        await StepAsync("unlock", () => funder.UnlockAsync(), () => embedded.Unlock(Broadcaster));
        Assert.Equal(TicketBrokerErrors.UnlockAlreadyInitiated,
            await StepAsync("unlock twice", () => funder.UnlockAsync(), () => embedded.Unlock(Broadcaster)));
        await StepAsync("funding cancels the unlock", () => funder.FundDepositAndReserveAsync(1, 0),
            () => embedded.FundDepositAndReserve(Broadcaster, 1, 1, 0));
        await StepAsync("unlock again", () => funder.UnlockAsync(), () => embedded.Unlock(Broadcaster));

        // Until its withdraw round an unlocking sender's tickets are still paid.
        await StepAsync("redeem while unlocking", () => redeemer.RedeemWinningTicketAsync(tickets[4]),
            () => embedded.RedeemWinningTicket(signed[4]));
        Assert.Equal(TicketBrokerErrors.AccountLocked,
            await StepAsync("withdraw too early", () => funder.WithdrawAsync(), () => embedded.Withdraw(Broadcaster)));

        // From the withdraw round its tickets are refused. Our Recipient would not take a ticket from an unlocking
        // sender (nor one with no reserve), so the ticket is made as if the sender were locked with a reserve.
        var unlockPeriod = embedded.UnlockPeriod;
        await fixture.StartNextRoundAsync();
        await SyncRoundAsync();
        var (late, lateExpiration) = await scenario.SignedWinnersAsync(1, new SenderInfo(2 * F + 1, F, 0));
        ticketHashes.Add(late[0].Ticket.Hash());
        for (var i = 1; i < unlockPeriod; i++)
        {
            await fixture.StartNextRoundAsync();
        }

        await scenario.MineToAsync(lateExpiration);
        await fixture.InitializeCurrentRoundAsync();
        await SyncRoundAsync();
        await AssertSameStateAsync("withdraw round reached");
        Assert.Equal(TicketBrokerErrors.SenderUnlocked,
            await StepAsync("redeem after the withdraw round", () => redeemer.RedeemWinningTicketAsync(WinningTicket.From(late[0])),
                () => embedded.RedeemWinningTicket(late[0])));

        await StepAsync("withdraw", () => funder.WithdrawAsync(), () => embedded.Withdraw(Broadcaster));
        Assert.True(embedded.GetSenderInfo(Broadcaster).Deposit.IsZero);
    }

    /// <summary>Moves the embedded broker to the chain's current round with the chain's block hash for it.</summary>
    private async Task SyncRoundAsync()
    {
        var rounds = fixture.RoundsManager();
        var round = await rounds.CurrentRoundAsync();
        Assert.True(await rounds.CurrentRoundInitializedAsync());
        if (round != embedded.CurrentRound)
        {
            var initialized = embedded.AdvanceRound(round, await rounds.BlockHashForRoundAsync(round));
            Assert.True(initialized.Succeeded, initialized.ToString());
        }
    }

    /// <summary>Runs a step on both ledgers, compares them and returns the revert reason they agree on.</summary>
    private async Task<string?> StepAsync(string step, Func<Task<TransactionReceipt>> onChain, Func<LedgerResult> onEmbedded)
    {
        var bonding = fixture.BondingManager();
        var chainFeesBefore = await bonding.PendingFeesAsync(Orchestrator);
        var embeddedFeesBefore = embedded.FeesCredited(Orchestrator);

        string? chainReason = null;
        IReadOnlyList<TicketBrokerEvent> chainEvents = [];
        try
        {
            var receipt = await onChain();
            Assert.True(receipt.Succeeded, $"{step}: the transaction failed");
            chainEvents = fixture.TicketBroker().DecodeEvents(receipt);
        }
        catch (ContractRevertException revert)
        {
            chainReason = revert.Reason;
        }

        var result = onEmbedded();
        Assert.True(chainReason == result.RevertReason, $"{step}: chain reverted with \"{chainReason}\", embedded with \"{result.RevertReason}\"");

        // The chain client decodes only the events a node acts on; compare those.
        Assert.Equal<TicketBrokerEvent>(chainEvents, [.. result.Events.Where(IsDecodedOnChain)]);

        var embeddedFees = embedded.FeesCredited(Orchestrator) - embeddedFeesBefore;
        OnChainScenario.AssertFeesGrew(chainFeesBefore, embeddedFees, await bonding.PendingFeesAsync(Orchestrator), step);
        await AssertSameStateAsync(step);
        return chainReason;
    }

    private static bool IsDecodedOnChain(TicketBrokerEvent e) =>
        e is DepositFunded or ReserveFunded or ReserveClaimed or WinningTicketTransfer or UnlockCancelled;

    private async Task AssertSameStateAsync(string step)
    {
        var chainRound = await fixture.RoundsManager().CurrentRoundAsync();
        Assert.Equal(chainRound, embedded.CurrentRound);
        var chain = await fixture.TicketBroker().GetSenderInfoAsync(Broadcaster);
        var local = embedded.GetSenderInfo(Broadcaster);
        Assert.Equal(
            (step, chain.Deposit, chain.Reserve, Relative(chain.WithdrawRound, chainRound)),
            (step, local.Deposit, local.Reserve.FundsRemaining, Relative(local.WithdrawRound, embedded.CurrentRound)));
        foreach (var hash in ticketHashes)
        {
            Assert.True(await fixture.TicketBroker().IsUsedAsync(hash) == embedded.IsUsedTicket(hash), $"{step}: usedTickets({hash}) differs");
        }
    }

    /// <summary>The withdraw round as an offset from the current round; null while locked (0).</summary>
    private static long? Relative(long withdrawRound, long currentRound) => withdrawRound == 0 ? null : withdrawRound - currentRound;
}
