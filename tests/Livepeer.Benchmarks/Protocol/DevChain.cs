using System.Runtime.InteropServices;
using Livepeer.Ethereum;
using Livepeer.Integration.Tests.Chain;

namespace Livepeer.Benchmarks.Protocol;

/// <summary>
/// Not a benchmark: a local chain to try the node against, as README "Run a node against an Ethereum RPC" shows.
/// Starts anvil on a free loopback port, deploys the real contracts as the tests do, writes a keystore and a password
/// file for an account holding ETH and LPT into <c>--dir</c> (default <c>./devchain</c>), prints the node switches, and
/// keeps the chain up until Ctrl+C.
/// </summary>
public static class DevChain
{
    public static async Task RunAsync(string[] args)
    {
        var directory = Path.GetFullPath(args.SkipWhile(a => a != "--dir").Skip(1).FirstOrDefault("devchain"));
        var chain = new LongRoundsProtocolFixture(); // 50-block rounds: a ticket is still valid when its params expire (40 blocks)
        await chain.InitializeAsync();
        try
        {
            var keystore = Path.Combine(directory, "keystore");
            Directory.CreateDirectory(keystore);
            var password = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            var account = chain.Orchestrator;
            await File.WriteAllTextAsync(Path.Combine(keystore, $"UTC--{account.Address}.json"), EncryptedKeystore.Encrypt(account, password));
            var passwordFile = Path.Combine(directory, "password.txt");
            await File.WriteAllTextAsync(passwordFile, password + "\n");
            Console.WriteLine($"anvil (chain id {AnvilFixture.ChainId}) at {chain.Chain.Endpoint}, Controller {chain.Protocol.Controller}");
            Console.WriteLine($"account {account.Address}: 100 ETH and test LPT, keystore in {keystore}");
            Console.WriteLine("node switches:");
            Console.WriteLine($"  --network=devchain --ethUrl={chain.Chain.Endpoint} --ethController={chain.Protocol.Controller} " +
                $"--ethKeystorePath={keystore} --ethPassword={passwordFile}");
            Console.WriteLine($"rounds are {chain.Protocol.Parameters.RoundLength} blocks; anvil mines a block per transaction (mine more with anvil_mine)");
            Console.WriteLine("Ctrl+C (or SIGTERM) stops the chain.");
            using var stop = new CancellationTokenSource();
            // Ctrl+C or a kill: stop here, so that the finally below stops anvil too.
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }

            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        finally
        {
            await chain.DisposeAsync(); // stops anvil
        }
    }
}
