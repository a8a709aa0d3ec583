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
public static class TicketBenchmark
{
    private static readonly PriceInfo Price = new(1_200, 1);

    public static Task RunAsync(string[] args)
    {
        var tickets = Option(args, "--tickets", 2000);
        var runs = Option(args, "--runs", 5);
        var backends = Secp256k1Backend.Native is { } native ? new[] { native, Secp256k1Backend.BouncyCastle } : [Secp256k1Backend.BouncyCastle];
        Console.WriteLine($"backend chosen: {Secp256k1Backend.SelectionReason}");
        Console.WriteLine($"{tickets} tickets per run, {runs} runs, one thread ({Environment.ProcessorCount} cores on this machine); medians, then every run");
        Console.WriteLine("sign = ticket hash + personal_sign; verify = ticket hash + recovery + address compare; ReceiveTicket = all of O's checks");

        var sender = EthKey.Generate();
        var sign = backends.ToDictionary(b => b, _ => new List<double>());
        var verify = backends.ToDictionary(b => b, _ => new List<double>());
        var receive = new List<double>();

        // The first round warms up the JIT (tiered compilation and PGO) on every path and is not counted.
        for (var run = 0; run <= runs; run++)
        {
            var round = new Round(sender, run == 0 ? Math.Min(tickets, 500) : tickets);
            foreach (var backend in backends)
            {
                var perTicket = round.Sign(backend);
                if (run > 0)
                    sign[backend].Add(perTicket);
            }
            foreach (var backend in backends)
            {
                var perTicket = round.Verify(backend);
                if (run > 0)
                    verify[backend].Add(perTicket);
            }
            var receivePerTicket = round.Receive();
            if (run > 0)
                receive.Add(receivePerTicket);
        }

        Print("sign", sign);
        Print("verify", verify);
        var current = Secp256k1Backend.Current;
        Console.WriteLine($"{"ReceiveTicket",-13} {current.Name,-13} {Format(Median(receive))}  all: {Join(receive)}");
        Console.WriteLine($"{"ReceiveTicket",-13} ratio ReceiveTicket/verify ({current.Name}): {Median(receive) / Median(verify[current]):0.00}");
        return Task.CompletedTask;
    }

    private static void Print(string operation, Dictionary<Secp256k1Backend, List<double>> times)
    {
        foreach (var (backend, values) in times)
            Console.WriteLine($"{operation,-13} {backend.Name,-13} {Format(Median(values))}  all: {Join(values)}");
        if (Secp256k1Backend.Native is { } native)
        {
            var peer = Secp256k1Backend.BouncyCastle;
            Console.WriteLine($"{operation,-13} ratio {native.Name}/{peer.Name}: {Median(times[native]) / Median(times[peer]):0.000}");
        }
    }

    private static string Format(double microseconds) =>
        $"{microseconds,6:0.0} µs/ticket {1e6 / microseconds,7:0} tickets/s per core";

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Join(IEnumerable<double> values) => string.Join(' ', values.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)));

    /// <summary>
    /// One round's tickets: a fresh recipient (so that nonces are unseen) and tickets made from its params, as many
    /// params as the 600-nonces-per-params limit needs. Each measurement returns microseconds per ticket.
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

        public double Sign(Secp256k1Backend backend)
        {
            var signed = new byte[tickets.Count][];
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < tickets.Count; i++)
                signed[i] = sender.SignPersonal(tickets[i].Ticket.Hash().Span, backend);
            var elapsed = watch.Elapsed;

            if (signatures.Length == 0)
                signatures = signed;
            else if (!signed.Zip(signatures).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second)))
                throw new InvalidOperationException($"{backend.Name} signed differently from the backend measured before it");
            return PerTicket(elapsed);
        }

        public double Verify(Secp256k1Backend backend)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < tickets.Count; i++)
            {
                var check = EthSignature.VerifyPersonal(tickets[i].Ticket.Hash().Span, signatures[i], sender.Address, backend);
                if (check != SignatureCheck.Valid)
                    throw new InvalidOperationException($"{backend.Name}: ticket {i}: {check.Describe()}");
            }
            return PerTicket(watch.Elapsed);
        }

        public double Receive()
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < tickets.Count; i++)
            {
                var result = recipient.ReceiveTicket(tickets[i].Ticket, signatures[i], tickets[i].Seed);
                if (!result.IsAccepted)
                    throw new InvalidOperationException($"ReceiveTicket: ticket {i}: {result.Error.Message}");
            }
            return PerTicket(watch.Elapsed);
        }

        private double PerTicket(TimeSpan elapsed) => elapsed.TotalMicroseconds / tickets.Count;
    }
}
