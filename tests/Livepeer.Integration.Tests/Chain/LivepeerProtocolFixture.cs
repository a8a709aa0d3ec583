using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Ethereum;
using Livepeer.Protocol.Ethereum;

namespace Livepeer.Integration.Tests.Chain;

/// <summary>
/// One anvil chain with the whole protocol deployed on it (shared spec: protocol-contracts.md §16.6), shared by the
/// tests of a class. Accounts[0] owns the Controller; every dev account and the two generated keys
/// (<see cref="Orchestrator"/>, <see cref="Broadcaster"/>, which sign their own transactions) hold ETH and test LPT.
/// </summary>
public class LivepeerProtocolFixture : IAsyncLifetime
{
    private static readonly BigInteger HundredEth = BigInteger.Pow(10, 20);

    private readonly AnvilFixture anvil = new();
    private readonly ProtocolParameters parameters;

    public LivepeerProtocolFixture()
        : this(new ProtocolParameters())
    {
    }

    protected LivepeerProtocolFixture(ProtocolParameters parameters) => this.parameters = parameters;

    public AnvilFixture Chain => anvil;

    public JsonRpcClient Rpc => anvil.Rpc;

    public LivepeerProtocolDeployment Protocol { get; private set; } = null!;

    public EthKey Orchestrator { get; } = EthKey.Generate();

    public EthKey Broadcaster { get; } = EthKey.Generate();

    /// <summary>Nonces per account, shared by every <see cref="TransactionSender"/> of this chain.</summary>
    public NonceManager Nonces { get; private set; } = null!;

    public ContractCaller Caller { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await anvil.InitializeAsync();
        Nonces = new NonceManager(anvil.Rpc);
        Caller = new ContractCaller(anvil.Rpc);
        foreach (var key in new[] { Orchestrator, Broadcaster })
        {
            await anvil.Rpc.SetBalanceAsync(key.Address, HundredEth);
        }

        Protocol = await LivepeerProtocolDeployment.DeployAsync(
            anvil.Rpc, anvil.Accounts[0], [.. anvil.Accounts, Orchestrator.Address, Broadcaster.Address], parameters);
    }

    public Task DisposeAsync() => anvil.DisposeAsync();

    /// <summary>Sends transactions signed by <paramref name="key"/>.</summary>
    public TransactionSender SenderFor(EthKey key, BigInteger? maxGasPrice = null) =>
        new(Rpc, key, new TransactionSenderOptions { ChainId = AnvilFixture.ChainId, MaxGasPrice = maxGasPrice, ReceiptTimeout = TimeSpan.FromSeconds(30) }, Nonces);

    public ControllerClient Controller() => new(Protocol.Controller, Caller);

    public TicketBrokerClient TicketBroker(EthKey? key = null) => new(Protocol.TicketBroker, Caller, key is null ? null : SenderFor(key));

    public BondingManagerClient BondingManager(EthKey? key = null) => new(Protocol.BondingManager, Caller, key is null ? null : SenderFor(key));

    public RoundsManagerClient RoundsManager(EthKey? key = null) => new(Protocol.RoundsManager, Caller, key is null ? null : SenderFor(key));

    public LivepeerTokenClient LivepeerToken(EthKey? key = null) => new(Protocol.LivepeerToken, Caller, key is null ? null : SenderFor(key));

    /// <summary>Mines to the first block of the next round and initializes it; returns the new round.</summary>
    public async Task<long> StartNextRoundAsync()
    {
        var rounds = RoundsManager(Orchestrator);
        var next = await rounds.CurrentRoundStartBlockAsync() + await rounds.RoundLengthAsync();
        await Rpc.MineAsync(next - await Rpc.BlockNumberAsync());
        await rounds.InitializeRoundAsync();
        return await rounds.CurrentRoundAsync();
    }

    /// <summary>Initializes the current round unless it already is.</summary>
    public async Task InitializeCurrentRoundAsync()
    {
        var rounds = RoundsManager(Orchestrator);
        if (!await rounds.CurrentRoundInitializedAsync())
        {
            await rounds.InitializeRoundAsync();
        }
    }
}
