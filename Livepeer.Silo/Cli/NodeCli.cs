using System.Globalization;
using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Ethereum;
using Livepeer.Protocol.Ethereum;

namespace Livepeer.Silo.Cli;

/// <summary>
/// The operator commands, run as <c>Livepeer.Silo cli &lt;command&gt; ...</c> (<c>scripts/node cli ...</c>): funding and
/// unlocking a gateway's deposit, bonding and activating an orchestrator, and reading rounds, stake, fees and sender
/// info, against the chain the node's switches name (see go-livepeer's <c>livepeer_cli</c>), or, without
/// <c>--network</c>, against a running embedded node's ledger (funding, unlock, sender info, fees, round). Amounts are
/// wei, or decimals with an <c>ETH</c> or <c>LPT</c> suffix; rates are percentages.
/// </summary>
public static class NodeCli
{
    public const string Usage = """
        usage: Livepeer.Silo cli <command> [operands] --network=<name> --ethUrl=<url> [--ethController=<address>]
                                 --ethKeystorePath=<file|dir> --ethPassword=<file> [--maxGasPrice=<wei>]
           or, on a running embedded node: Livepeer.Silo cli <command> [operands] [--dataDir=<dir>] [--orleansGatewayPort=<port>]
          round                                     the current round, whether it is initialized, its start block and length
          sender [address]                          deposit, reserve and withdraw round (default: the node's account)
          stake [address]                           pending stake and transcoder state
          fees [address]                            pending fees
          deposit <amount>                          add to the account's deposit
          reserve <amount>                          add to the account's reserve
          depositAndReserve <deposit> <reserve>     add to both at once
          unlock | cancelUnlock | withdraw          start or cancel the unlock period; withdraw deposit and reserve after it
          bond <amount> [to]                        approve and bond LPT to an orchestrator (default: the account itself; chain only)
          activate <rewardCut%> <feeShare%> <serviceURI> [<stake>]
                                                    bond <stake> to self if given, register as a transcoder, set the service URI
                                                    (chain only, as is stake)
          withdrawFees [amount] [recipient]         send collected fees (default: all pending fees) to the recipient
                                                    (default: the account; chain only)
        amounts: wei, or a decimal with ETH or LPT (e.g. 0.5ETH, 1000LPT)
        """;

    /// <summary>Runs one command; returns the process exit code (0 done, 1 failed, 2 bad command line).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            var cli = CliArguments.Parse(args);
            if (!cli.Node.OnChain)
            {
                await EmbeddedCommands.RunAsync(cli, output);
                return 0;
            }

            using var chain = await EthereumConnection.OpenAsync(cli.Node);
            await new ChainCommands(chain, output).RunAsync(cli);
            return 0;
        }
        catch (CliUsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}\n{Usage}");
            return 2;
        }
        catch (FormatException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is ContractRevertException or GasPriceTooHighException or JsonRpcException or JsonRpcTransportException
                                       or KeystoreException or TimeoutException or InvalidOperationException)
        {
            // Readable failures: a revert with the contract's reason, the RPC, the keystore, a bad setting.
            await error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }

    /// <summary>A percentage as the contracts take it: 1e6 = 100 % (go-livepeer's <c>eth.FromPerc</c>).</summary>
    internal static long Percent(string text) =>
        decimal.TryParse(text.TrimEnd('%'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) && percent <= 100
            ? (long)decimal.Round(percent * BondingManagerClient.PercDivisor / 100)
            : throw new FormatException($"'{text}' is not a percentage between 0 and 100");

    internal static EthAddress Address(string text) =>
        EthAddress.TryParse(text, out var address) ? address : throw new FormatException($"'{text}' is not an Ethereum address");
}

/// <summary>The commands against the contracts, from the keystore's account.</summary>
internal sealed class ChainCommands(EthereumConnection chain, TextWriter output)
{
    private LivepeerContracts Contracts => chain.Contracts;

    private EthAddress Account => chain.Account.Address;

    public async Task RunAsync(CliArguments cli)
    {
        switch (cli.Command)
        {
            case "round":
                await RoundAsync();
                break;
            case "sender":
                await SenderAsync(cli.Operands.Count > 0 ? NodeCli.Address(cli.Operands[0]) : Account);
                break;
            case "stake":
                await StakeAsync(cli.Operands.Count > 0 ? NodeCli.Address(cli.Operands[0]) : Account);
                break;
            case "fees":
                var delegator = cli.Operands.Count > 0 ? NodeCli.Address(cli.Operands[0]) : Account;
                await WriteAsync("pending fees", TokenAmount.Format(await Contracts.BondingManager.PendingFeesAsync(delegator)) + " wei");
                break;
            case "deposit":
                await MinedAsync("fundDeposit", await Contracts.TicketBroker.FundDepositAsync(TokenAmount.Parse(cli.Operand(0, "amount"))));
                await SenderAsync(Account);
                break;
            case "reserve":
                await MinedAsync("fundReserve", await Contracts.TicketBroker.FundReserveAsync(TokenAmount.Parse(cli.Operand(0, "amount"))));
                await SenderAsync(Account);
                break;
            case "depositAndReserve":
                var deposit = TokenAmount.Parse(cli.Operand(0, "deposit"));
                var reserve = TokenAmount.Parse(cli.Operand(1, "reserve"));
                await MinedAsync("fundDepositAndReserve", await Contracts.TicketBroker.FundDepositAndReserveAsync(deposit, reserve));
                await SenderAsync(Account);
                break;
            case "unlock":
                await MinedAsync("unlock", await Contracts.TicketBroker.UnlockAsync());
                await SenderAsync(Account);
                break;
            case "cancelUnlock":
                await MinedAsync("cancelUnlock", await Contracts.TicketBroker.CancelUnlockAsync());
                await SenderAsync(Account);
                break;
            case "withdraw":
                await MinedAsync("withdraw", await Contracts.TicketBroker.WithdrawAsync());
                await SenderAsync(Account);
                break;
            case "bond":
                await BondAsync(TokenAmount.Parse(cli.Operand(0, "amount")), cli.Operands.Count > 1 ? NodeCli.Address(cli.Operands[1]) : Account);
                await StakeAsync(Account);
                break;
            case "activate":
                await ActivateAsync(cli);
                break;
            case "withdrawFees":
                await WithdrawFeesAsync(cli);
                break;
            default:
                throw new CliUsageException($"unknown command '{cli.Command}'");
        }
    }

    private async Task RoundAsync()
    {
        var rounds = Contracts.RoundsManager;
        await WriteAsync("round", await rounds.CurrentRoundAsync());
        await WriteAsync("initialized", await rounds.CurrentRoundInitializedAsync());
        await WriteAsync("last initialized round", await rounds.LastInitializedRoundAsync());
        await WriteAsync("round start block", await rounds.CurrentRoundStartBlockAsync());
        await WriteAsync("round length", await rounds.RoundLengthAsync());
    }

    private async Task SenderAsync(EthAddress sender)
    {
        var info = await Contracts.TicketBroker.GetSenderInfoAsync(sender);
        await WriteAsync("sender", sender);
        await WriteAsync("deposit", TokenAmount.Format(info.Deposit) + " wei");
        await WriteAsync("reserve", TokenAmount.Format(info.Reserve) + " wei");
        await WriteAsync("withdraw round", info.WithdrawRound);
    }

    private async Task StakeAsync(EthAddress delegator)
    {
        var bonding = Contracts.BondingManager;
        await WriteAsync("address", delegator);
        await WriteAsync("pending stake", TokenAmount.Format(await bonding.PendingStakeAsync(delegator)) + " LPT wei");
        await WriteAsync("registered transcoder", await bonding.IsRegisteredTranscoderAsync(delegator));
        await WriteAsync("active", await bonding.IsActiveTranscoderAsync(delegator));
        var transcoder = await bonding.GetTranscoderAsync(delegator);
        await WriteAsync("reward cut", Percent(transcoder.RewardCut));
        await WriteAsync("fee share", Percent(transcoder.FeeShare));
        await WriteAsync("last reward round", transcoder.LastRewardRound);
        await WriteAsync("activation round", transcoder.ActivationRound);
        await WriteAsync("service URI", await Contracts.ServiceRegistry.GetServiceUriAsync(delegator));
    }

    private async Task BondAsync(BigInteger amount, EthAddress to)
    {
        // bond moves the LPT with transferFrom, so the BondingManager proxy must be approved first (spec §7.3).
        await MinedAsync("approve", await Contracts.LivepeerToken.ApproveAsync(Contracts.BondingManager.Address, amount));
        await MinedAsync("bond", await Contracts.BondingManager.BondAsync(amount, to));
    }

    /// <summary>go-livepeer's orchestrator activation: bond to self, <c>transcoder(rewardCut, feeShare)</c>, <c>setServiceURI</c>.</summary>
    private async Task ActivateAsync(CliArguments cli)
    {
        var rewardCut = NodeCli.Percent(cli.Operand(0, "rewardCut%"));
        var feeShare = NodeCli.Percent(cli.Operand(1, "feeShare%"));
        var serviceUri = cli.Operand(2, "serviceURI");
        if (!Uri.TryCreate(serviceUri, UriKind.Absolute, out _))
        {
            throw new FormatException($"'{serviceUri}' is not an absolute URI (e.g. https://orchestrator.example.com:8935)");
        }

        if (cli.Operands.Count > 3)
        {
            await BondAsync(TokenAmount.Parse(cli.Operands[3]), Account);
        }

        await MinedAsync("transcoder", await Contracts.BondingManager.TranscoderAsync(rewardCut, feeShare));
        await MinedAsync("setServiceURI", await Contracts.ServiceRegistry.SetServiceUriAsync(serviceUri));
        await StakeAsync(Account);
    }

    /// <summary>go-livepeer's <c>withdrawFees</c>: all pending fees unless an amount is given, to the account unless a recipient is.</summary>
    private async Task WithdrawFeesAsync(CliArguments cli)
    {
        var bonding = Contracts.BondingManager;
        var amount = cli.Operands.Count > 0 ? TokenAmount.Parse(cli.Operands[0]) : await bonding.PendingFeesAsync(Account);
        var recipient = cli.Operands.Count > 1 ? NodeCli.Address(cli.Operands[1]) : Account;
        await MinedAsync("withdrawFees", await bonding.WithdrawFeesAsync(recipient, amount));
        await WriteAsync("withdrawn", TokenAmount.Format(amount) + " wei");
        await WriteAsync("recipient", recipient);
        await WriteAsync("pending fees", TokenAmount.Format(await bonding.PendingFeesAsync(Account)) + " wei");
    }

    private Task MinedAsync(string function, TransactionReceipt receipt) =>
        output.WriteLineAsync($"{function}: transaction {receipt.TransactionHash} mined in block {receipt.BlockNumber}, gas used {receipt.GasUsed}");

    private Task WriteAsync(string name, object value) =>
        output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{name}: {value}"));

    private static string Percent(BigInteger rate) =>
        string.Create(CultureInfo.InvariantCulture, $"{(decimal)rate * 100 / BondingManagerClient.PercDivisor} %");
}
