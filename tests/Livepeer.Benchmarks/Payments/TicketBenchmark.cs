using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;
using Livepeer.Protocol;

namespace Livepeer.Benchmarks.Payments;

/// <summary>
/// Ticket crypto on one core: tickets signed per second (ticket hash + personal_sign, the sender's work) and validated
/// per second (ticket hash + public-key recovery + address compare, the recipient's signature check), each through
/// libsecp256k1 and through BouncyCastle in the same run, interleaved; then the whole <see cref="Recipient.ReceiveTicket"/>
/// per ticket with the backend the node chose. Prints medians and the ratio libsecp256k1 / BouncyCastle.
/// Options: <c>--tickets N</c> (default 2000) and <c>--runs N</c> (default 5).
/// </summary>
/// <remarks>
/// Costs are the process's CPU time per ticket (the garbage collector's threads included), which is what the work costs
/// the cores whatever else the machine runs; wall time is printed beside it and matches it on an idle machine.
/// </remarks>
public static class TicketBenchmark
{
    private static readonly PriceInfo Price = new(1_200, 1);

    public static Task RunAsync(string[] args)
    {
        var tickets = Option(args, "--tickets", 2000);
        var runs = Option(args, "--runs", 5);
        var backends = Secp256k1Backend.Native is { } native ? new[] { native, Secp256k1Backend.BouncyCastle } : [Secp256k1Backend.BouncyCastle];
        Console.WriteLine($"backend chosen: {Secp256k1Backend.SelectionReason}");
        Console.WriteLine($"{tickets} tickets per run, {runs} runs, one thread ({Environment.ProcessorCount} cores on this machine); medians of process CPU time, wall time in brackets, bytes allocated");
        Console.WriteLine("sign = ticket hash + personal_sign; verify = ticket hash + recovery + address compare; ReceiveTicket = all of O's checks");

        var sender = EthKey.Generate();
        var sign = backends.ToDictionary(b => b, _ => new List<Cost>());
        var verify = backends.ToDictionary(b => b, _ => new List<Cost>());
        var receive = new List<Cost>();

        // The first round warms up the JIT (tiered compilation and PGO, whose background compiles count as process CPU
        // time) on every path and is not counted.
        for (var run = 0; run <= runs; run++)
        {
            var round = new Round(sender, tickets);
            foreach (var backend in backends)
            {
                var cost = round.Sign(backend);
                if (run > 0)
                    sign[backend].Add(cost);
            }
            foreach (var backend in backends)
            {
                var cost = round.Verify(backend);
                if (run > 0)
                    verify[backend].Add(cost);
            }
            var receiveCost = round.Receive();
            if (run > 0)
                receive.Add(receiveCost);
        }

        Print("sign", sign);
        Print("verify", verify);
        var current = Secp256k1Backend.Current;
        Console.WriteLine($"{"ReceiveTicket",-13} {current.Name,-13} {Format(receive)}");
        Console.WriteLine($"{"ReceiveTicket",-13} ratio ReceiveTicket/verify ({current.Name}): {Median(receive) / Median(verify[current]):0.00}");
        return Task.CompletedTask;
    }

    private static void Print(string operation, Dictionary<Secp256k1Backend, List<Cost>> costs)
    {
        foreach (var (backend, values) in costs)
            Console.WriteLine($"{operation,-13} {backend.Name,-13} {Format(values)}");
        if (Secp256k1Backend.Native is { } native)
        {
            var peer = Secp256k1Backend.BouncyCastle;
            Console.WriteLine($"{operation,-13} ratio {native.Name}/{peer.Name}: {Median(costs[native]) / Median(costs[peer]):0.000}");
        }
    }

    private static string Format(List<Cost> costs)
    {
        var cpu = Median(costs);
        var wall = MedianOf(costs.Select(c => c.WallMicroseconds));
        var allocated = MedianOf(costs.Select(c => c.AllocatedBytes));
        return $"{cpu,6:0.0} µs/ticket ({wall,6:0.0}) {1e6 / cpu,7:0} tickets/s per core {allocated,8:0} B/ticket  all: " +
            string.Join(' ', costs.Select(c => c.CpuMicroseconds.ToString("0.0", CultureInfo.InvariantCulture)));
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static double Median(List<Cost> costs) => MedianOf(costs.Select(c => c.CpuMicroseconds));

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Per ticket: microseconds of process CPU time and of wall time, and bytes the measuring thread allocated.</summary>
    private readonly record struct Cost(double CpuMicroseconds, double WallMicroseconds, double AllocatedBytes);

    /// <summary>
    /// One round's tickets: a fresh recipient (so that nonces are unseen) and tickets made from its params, as many
    /// params as the 600-nonces-per-params limit needs.
    /// </summary>
    private sealed class Round
    {
        private const int TicketsPerParams = Recipient.MaxSenderNonces;

        private readonly EthKey sender;
        private readonly Recipient recipient;
        private readonly List<(Ticket Ticket, BigInteger Seed)> tickets = [];
        private byte[][] signatures = [];

        public Round(EthKey sender, int count)
        {
            this.sender = sender;
            var senders = new SenderMonitor(transcoderPoolSize: 1);
            senders.Update(sender.Address, new SenderInfo(Deposit: BigInteger.Pow(10, 18), Reserve: BigInteger.Pow(10, 18), WithdrawRound: 0));
            recipient = new Recipient(
                EthKey.Generate().Address,
                EthKey.Generate().PrivateKeyBytes(),
                new TicketParamsConfig(),
                new EmbeddedChainClock(TimeProvider.System),
                senders,
                new FixedGasPrice(100_000_000)); // 0.1 gwei, typical for Arbitrum

            for (var first = 0; first < count; first += TicketsPerParams)
            {
                var ticketParams = recipient.TicketParams(sender.Address, Price).Value;
                for (var nonce = 1; nonce <= Math.Min(TicketsPerParams, count - first); nonce++)
                    tickets.Add((Ticket.Create(ticketParams, ticketParams.ExpirationParams, sender.Address, (uint)nonce), ticketParams.Seed));
            }
        }

        public Cost Sign(Secp256k1Backend backend)
        {
            var signed = new byte[tickets.Count][];
            var cost = Measure(() =>
            {
                for (var i = 0; i < tickets.Count; i++)
                    signed[i] = sender.SignPersonal(tickets[i].Ticket.Hash().Span, backend);
            });

            if (signatures.Length == 0)
                signatures = signed;
            else if (!signed.Zip(signatures).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second)))
                throw new InvalidOperationException($"{backend.Name} signed differently from the backend measured before it");
            return cost;
        }

        public Cost Verify(Secp256k1Backend backend) => Measure(() =>
        {
            for (var i = 0; i < tickets.Count; i++)
            {
                var check = EthSignature.VerifyPersonal(tickets[i].Ticket.Hash().Span, signatures[i], sender.Address, backend);
                if (check != SignatureCheck.Valid)
                    throw new InvalidOperationException($"{backend.Name}: ticket {i}: {check.Describe()}");
            }
        });

        public Cost Receive() => Measure(() =>
        {
            for (var i = 0; i < tickets.Count; i++)
            {
                var result = recipient.ReceiveTicket(tickets[i].Ticket, signatures[i], tickets[i].Seed);
                if (!result.IsAccepted)
                    throw new InvalidOperationException($"ReceiveTicket: ticket {i}: {result.Error.Message}");
            }
        });

        private Cost Measure(Action action)
        {
            var allocatedStart = GC.GetAllocatedBytesForCurrentThread();
            var cpuStart = ProcessCpuTime.Now();
            var watch = Stopwatch.StartNew();
            action();
            var wall = watch.Elapsed;
            var cpu = ProcessCpuTime.Now() - cpuStart;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedStart;
            return new Cost(cpu.TotalMicroseconds / tickets.Count, wall.TotalMicroseconds / tickets.Count, (double)allocated / tickets.Count);
        }
    }
}
