using Livepeer.Benchmarks.AI;
using Livepeer.Benchmarks.Payments;
using Livepeer.Benchmarks.Protocol;
using Livepeer.Benchmarks.Soak;
using Livepeer.Benchmarks.Transcoding;
using Livepeer.Benchmarks.Wire;

// Benchmarks print figures as ratios against a peer measured in the same run; run them in Release on an idle machine:
//   dotnet run -c Release --project tests/Livepeer.Benchmarks -- <name> [options]
var benchmarks = new Dictionary<string, Func<string[], Task>>
{
    ["transcode"] = TranscodeBenchmark.RunAsync,
    ["tickets"] = TicketBenchmark.RunAsync,
    ["gas"] = GasBenchmark.RunAsync,
    ["ai"] = AIBenchmark.RunAsync,
    ["devchain"] = DevChain.RunAsync, // not a benchmark: a local chain with the real contracts to run a node against
    ["wire"] = WireBenchmark.RunAsync,
    ["soak"] = SoakBenchmark.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: bench <{string.Join('|', benchmarks.Keys)}> [options]");
    return 2;
}
await run(args[1..]);
return Environment.ExitCode; // a benchmark that found a failure (bench soak) sets 1
