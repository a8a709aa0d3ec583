using System.Globalization;
using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Node;
using Livepeer.Protocol;
using Livepeer.Protocol.Ethereum;

namespace Livepeer.Silo.Cli;

/// <summary>
/// The commands that make sense on the embedded ledger, run against a node started with the same <c>--dataDir</c> and
/// <c>--orleansGatewayPort</c>: an Orleans client calls its TicketBroker grain. The gateway's account is the node's
/// own gateway key. Staking exists only on chain.
/// </summary>
internal sealed class EmbeddedCommands(IGrainFactory grains, NodeKeys keys, TextWriter output)
{
    private ITicketBrokerGrain Broker => grains.GetGrain<ITicketBrokerGrain>(TicketBrokerGrain.Embedded);

    /// <summary>Connects to the node's silo as a client and runs the command.</summary>
    public static async Task RunAsync(CliArguments cli, TextWriter output)
    {
        if (cli.Command == "round")
        {
            // The embedded clock is a function of the time: no need to reach the node.
            var clock = new EmbeddedChainClock(TimeProvider.System);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"round: {clock.LastInitializedRound}\ninitialized: True\nL1 block: {clock.LastSeenL1Block}\nround length: {EmbeddedChainClock.DefaultRoundLength}"));
            return;
        }

        if (cli.Command is "stake" or "bond" or "activate")
        {
            throw new CliUsageException($"{cli.Command} needs the chain: the embedded ledger has no staking (give --network and the Ethereum switches)");
        }

        var keys = NodeKeys.LoadOrCreate(cli.Node.DataDirectory);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client.UseLocalhostClustering(cli.Node.OrleansGatewayPort));
        using var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch (Exception e) when (e is not CliUsageException)
        {
            throw new InvalidOperationException(
                $"no embedded node answers on Orleans gateway port {cli.Node.OrleansGatewayPort}: start it (scripts/node) with the same --dataDir and --orleansGatewayPort ({e.Message})", e);
        }

        await new EmbeddedCommands(host.Services.GetRequiredService<IGrainFactory>(), keys, output).RunAsync(cli);
        await host.StopAsync();
    }

    private async Task RunAsync(CliArguments cli)
    {
        var gateway = keys.Gateway.Address;
        switch (cli.Command)
        {
            case "sender":
                await SenderAsync(cli.Operands.Count > 0 ? NodeCli.Address(cli.Operands[0]) : gateway);
                return;
            case "fees":
                var recipient = cli.Operands.Count > 0 ? NodeCli.Address(cli.Operands[0]) : keys.Orchestrator.Address;
                await output.WriteLineAsync($"pending fees: {TokenAmount.Format(await Broker.GetFees(recipient))} wei");
                return;
            case "deposit":
                Check("fundDeposit", await Broker.FundDepositAndReserve(gateway, TokenAmount.Parse(cli.Operand(0, "amount")), BigInteger.Zero));
                break;
            case "reserve":
                Check("fundReserve", await Broker.FundDepositAndReserve(gateway, BigInteger.Zero, TokenAmount.Parse(cli.Operand(0, "amount"))));
                break;
            case "depositAndReserve":
                var deposit = TokenAmount.Parse(cli.Operand(0, "deposit"));
                Check("fundDepositAndReserve", await Broker.FundDepositAndReserve(gateway, deposit, TokenAmount.Parse(cli.Operand(1, "reserve"))));
                break;
            case "unlock":
                Check("unlock", await Broker.Unlock(gateway));
                break;
            case "cancelUnlock":
                Check("cancelUnlock", await Broker.CancelUnlock(gateway));
                break;
            case "withdraw":
                Check("withdraw", await Broker.Withdraw(gateway));
                break;
            default:
                throw new CliUsageException($"unknown command '{cli.Command}'");
        }

        await SenderAsync(gateway);
    }

    private async Task SenderAsync(EthAddress sender)
    {
        var info = await Broker.GetSenderInfo(sender);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"sender: {sender}\ndeposit: {TokenAmount.Format(info.Deposit)} wei\nreserve: {TokenAmount.Format(info.Reserve)} wei\nwithdraw round: {info.WithdrawRound}"));
    }

    /// <summary>A refusal of the embedded TicketBroker is the contract's own revert reason.</summary>
    private static void Check(string function, LedgerResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{function} reverted: {result.RevertReason}");
        }
    }
}
