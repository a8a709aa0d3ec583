using System.Globalization;
using Livepeer.Integration.Tests.Chain;
using Livepeer.Protocol.Ethereum;

namespace Livepeer.Benchmarks.Protocol;

/// <summary>
/// Gas per redeemed winning ticket on the real TicketBroker (anvil, the contracts from the SDK artifacts): one
/// <c>redeemWinningTicket</c> per transaction, as go-livepeer redeems, against <c>batchRedeemWinningTickets</c> with
/// batches of 1, 2, 5 and 10, read from the receipts. Gas is deterministic for a given chain state, so one run is
/// enough; the first redemption of a round pays for first writes (the round's earnings pool) and is done first, apart.
/// Option: <c>--tickets N</c>, singles measured (default 10).
/// </summary>
public static class GasBenchmark
{
    private static readonly int[] BatchSizes = [1, 2, 5, 10];

    public static async Task RunAsync(string[] args)
    {
        var singles = args.SkipWhile(a => a != "--tickets").Skip(1).Select(int.Parse).FirstOrDefault(10);
        var chain = new LongRoundsChain();
        await chain.InitializeAsync();
        try
        {
            await MeasureAsync(chain, singles);
        }
        finally
        {
            await chain.DisposeAsync(); // stops anvil
        }
    }

    private static async Task MeasureAsync(LivepeerProtocolFixture chain, int singles)
    {
        var scenario = new OnChainScenario(chain);
        await scenario.EnsureActiveOrchestratorAsync();
        await chain.TicketBroker(chain.Broadcaster).FundDepositAndReserveAsync(OnChainScenario.Eth, OnChainScenario.Eth);

        var (tickets, expirationBlock) = await scenario.SignedWinnersAsync(1 + singles + BatchSizes.Sum());
        await scenario.MineToAsync(expirationBlock);
        await chain.InitializeCurrentRoundAsync();
        var broker = chain.TicketBroker(chain.Orchestrator);
        var queue = new Queue<WinningTicket>(tickets.Select(WinningTicket.From));

        var first = await broker.RedeemWinningTicketAsync(queue.Dequeue());
        var singleGas = new List<long>();
        for (var i = 0; i < singles; i++)
        {
            singleGas.Add((await broker.RedeemWinningTicketAsync(queue.Dequeue())).GasUsed);
        }

        var perTicket = singleGas.Average();
        Console.WriteLine($"gas per redeemed ticket on the TicketBroker (anvil {AnvilFixture.ChainId}, @livepeer/sdk {LocalChainTools.SdkVersion} contracts); gas is deterministic, not noisy");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first redemption of the round: {first.GasUsed} gas (not counted)"));
        Console.WriteLine($"{"form",-34} {"tickets",7} {"gas/tx",9} {"gas/ticket",11} {"ratio to single",16}");
        Console.WriteLine(Row("redeemWinningTicket (one per tx)", 1, perTicket, perTicket, 1.0));
        foreach (var size in BatchSizes)
        {
            var batch = Enumerable.Range(0, size).Select(_ => queue.Dequeue()).ToList();
            var receipt = await broker.BatchRedeemWinningTicketsAsync(batch);
            foreach (var ticket in batch)
            {
                if (!await broker.IsUsedAsync(ticket.Ticket.Hash()))
                {
                    throw new InvalidOperationException($"the batch of {size} left a ticket unredeemed: the figures would be wrong");
                }
            }

            var gasPerTicket = (double)receipt.GasUsed / size;
            Console.WriteLine(Row("batchRedeemWinningTickets", size, receipt.GasUsed, gasPerTicket, gasPerTicket / perTicket));
        }
    }

    private static string Row(string form, int tickets, double gasPerTransaction, double gasPerTicket, double ratio) =>
        string.Create(CultureInfo.InvariantCulture, $"{form,-34} {tickets,7} {gasPerTransaction,9:0} {gasPerTicket,11:0} {ratio,16:0.000}");

    /// <summary>Rounds of 500 blocks, so that every ticket is still valid when its turn comes.</summary>
    private sealed class LongRoundsChain() : LivepeerProtocolFixture(new ProtocolParameters { RoundLength = 500 });
}
