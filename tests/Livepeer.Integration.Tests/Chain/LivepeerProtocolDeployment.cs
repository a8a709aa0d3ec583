using System.Numerics;
using System.Text;
using Livepeer.Crypto;
using Livepeer.Ethereum;

namespace Livepeer.Integration.Tests.Chain;

/// <summary>The owner-set parameters of a local deployment (see shared spec: protocol-contracts.md §16.4 step 8).</summary>
public sealed record ProtocolParameters
{
    /// <summary>Blocks per round; 20 keeps tests fast.</summary>
    public long RoundLength { get; init; } = 20;

    /// <summary>The locked share of a round, in 1e6 units (100000 = the last 10 %).</summary>
    public long RoundLockAmount { get; init; } = 100_000;

    public long NumActiveTranscoders { get; init; } = 10;

    /// <summary>Rounds before unbonded stake can be withdrawn.</summary>
    public long UnbondingPeriod { get; init; } = 7;

    /// <summary>Rounds before a broadcaster's unlocked deposit can be withdrawn.</summary>
    public long UnlockPeriod { get; init; } = 2;

    /// <summary>Rounds a ticket stays redeemable after its creation round.</summary>
    public long TicketValidityPeriod { get; init; } = 2;

    /// <summary>Minter constructor arguments, as on Arbitrum One (1e9 units).</summary>
    public long Inflation { get; init; } = 220_500;

    public long InflationChange { get; init; } = 500;

    public long TargetBondingRate { get; init; } = 500_000_000;

    /// <summary>LPT minted to each test account.</summary>
    public BigInteger LptPerAccount { get; init; } = BigInteger.Pow(10, 18) * 10_000;
}

/// <summary>
/// Deploys the Livepeer protocol from the <c>@livepeer/sdk</c> artifacts onto a local chain with the project's own
/// JSON-RPC and ABI code, following shared spec: protocol-contracts.md §16.4. Transactions come from the chain's
/// unlocked dev account <see cref="Owner"/>, which owns the Controller.
/// </summary>
public sealed class LivepeerProtocolDeployment
{
    /// <summary>The contracts a node resolves through the Controller, by their registered names.</summary>
    public static readonly IReadOnlyList<string> RegisteredNames =
    [
        "LivepeerToken", "Minter", "L2LPTDataCache", "BondingManager", "BondingManagerTarget", "TicketBroker",
        "TicketBrokerTarget", "JobsManager", "RoundsManager", "RoundsManagerTarget", "ServiceRegistry", "ServiceRegistryTarget",
    ];

    /// <summary>Runtime code that returns one zero word whatever it is asked (§16.4 step 4).</summary>
    private static readonly byte[] ZeroWordCode = Convert.FromHexString("60206000f3");

    private static readonly EthAddress L2LptDataCacheStub = EthAddress.Parse("0x00000000000000000000000000000000000c0de1");

    private static readonly TimeSpan ReceiptTimeout = TimeSpan.FromSeconds(30);

    private readonly JsonRpcClient rpc;
    private readonly Dictionary<string, EthAddress> registered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ContractAbi> abis = new(StringComparer.Ordinal);

    private LivepeerProtocolDeployment(JsonRpcClient rpc, EthAddress owner, ProtocolParameters parameters)
    {
        this.rpc = rpc;
        Owner = owner;
        Parameters = parameters;
    }

    public EthAddress Owner { get; }

    public ProtocolParameters Parameters { get; }

    public EthAddress Controller { get; private set; } = null!;

    /// <summary>Every registered name and its address (proxies under the plain names).</summary>
    public IReadOnlyDictionary<string, EthAddress> Contracts => registered;

    public EthAddress LivepeerToken => registered["LivepeerToken"];

    public EthAddress Minter => registered["Minter"];

    public EthAddress BondingManager => registered["BondingManager"];

    public EthAddress TicketBroker => registered["TicketBroker"];

    public EthAddress RoundsManager => registered["RoundsManager"];

    public EthAddress ServiceRegistry => registered["ServiceRegistry"];

    /// <summary>The SDK artifact's ABI of a contract (for proxies, their target's).</summary>
    public ContractAbi Abi(string contractName) => abis[contractName];

    /// <summary>Deploys, registers, configures and unpauses the protocol; mints LPT to <paramref name="lptHolders"/>.</summary>
    public static async Task<LivepeerProtocolDeployment> DeployAsync(
        JsonRpcClient rpc, EthAddress owner, IEnumerable<EthAddress> lptHolders, ProtocolParameters? parameters = null)
    {
        var deployment = new LivepeerProtocolDeployment(rpc, owner, parameters ?? new ProtocolParameters());
        await deployment.DeployAsync(lptHolders);
        return deployment;
    }

    /// <summary>Sends a transaction from <see cref="Owner"/> and requires it to succeed.</summary>
    public Task<TransactionReceipt> OwnerSendAsync(string contractName, EthAddress to, string function, params object?[] args) =>
        SendAsync(Owner, to, abis[contractName].GetFunction(function).EncodeCall(args));

    /// <summary>A read-only call decoded with the artifact's ABI.</summary>
    public async Task<AbiValues> CallAsync(string contractName, EthAddress to, string function, params object?[] args)
    {
        var abiFunction = abis[contractName].GetFunction(function);
        var output = await rpc.CallAsync(new TransactionArgs(To: to, Data: abiFunction.EncodeCall(args)), BlockParameter.Latest);
        return abiFunction.DecodeOutput(output);
    }

    private async Task DeployAsync(IEnumerable<EthAddress> lptHolders)
    {
        var p = Parameters;

        // 1. The Controller starts paused and owned by its deployer.
        Controller = await DeployContractAsync("Controller");

        // 2. The L2 token: the owner holds DEFAULT_ADMIN_ROLE; it grants itself MINTER_ROLE to mint test LPT.
        await RegisterAsync("LivepeerToken", await DeployContractAsync("LivepeerToken"));
        var minterRole = Keccak256.Hash("MINTER_ROLE"u8.ToArray());
        await OwnerSendAsync("LivepeerToken", LivepeerToken, "grantRole", minterRole, Owner);
        foreach (var holder in lptHolders)
        {
            await OwnerSendAsync("LivepeerToken", LivepeerToken, "mint", holder, p.LptPerAccount);
        }

        // 3. The Minter mints rewards, so it gets MINTER_ROLE too.
        await RegisterAsync("Minter", await DeployContractAsync("Minter", Controller, p.Inflation, p.InflationChange, p.TargetBondingRate));
        await OwnerSendAsync("LivepeerToken", LivepeerToken, "grantRole", minterRole, Minter);

        // 4. The Minter reads l1CirculatingSupply() from L2LPTDataCache; a stub answering zero will do.
        await rpc.SetCodeAsync(L2LptDataCacheStub, ZeroWordCode);
        await RegisterAsync("L2LPTDataCache", L2LptDataCacheStub);

        // 5. BondingManager links SortedDoublyLL.
        var sortedList = await DeployContractAsync("SortedDoublyLL");
        await DeployProxiedAsync("BondingManager", a => a.Link("SortedDoublyLL", sortedList));

        // 6. The TicketBroker proxy is also "JobsManager", the only caller besides itself the Minter takes ETH from (§1).
        await DeployProxiedAsync("TicketBroker");
        await RegisterAsync("JobsManager", TicketBroker);

        // 7.
        await DeployProxiedAsync("RoundsManager");
        await DeployProxiedAsync("ServiceRegistry");

        // 8. Parameters, through the proxies, where the storage lives.
        await OwnerSendAsync("RoundsManager", RoundsManager, "setRoundLength", p.RoundLength);
        await OwnerSendAsync("RoundsManager", RoundsManager, "setRoundLockAmount", p.RoundLockAmount);
        await OwnerSendAsync("BondingManager", BondingManager, "setNumActiveTranscoders", p.NumActiveTranscoders);
        await OwnerSendAsync("BondingManager", BondingManager, "setUnbondingPeriod", p.UnbondingPeriod);
        await OwnerSendAsync("TicketBroker", TicketBroker, "setUnlockPeriod", p.UnlockPeriod);
        await OwnerSendAsync("TicketBroker", TicketBroker, "setTicketValidityPeriod", p.TicketValidityPeriod);

        // 9.
        await OwnerSendAsync("Controller", Controller, "unpause");
    }

    /// <summary>Deploys <paramref name="name"/>'s target, registers it as name + "Target", and fronts it with a ManagerProxy.</summary>
    private async Task DeployProxiedAsync(string name, Func<ContractArtifact, ContractArtifact>? link = null)
    {
        var target = await DeployContractAsync(name, link, Controller);
        await RegisterAsync(name + "Target", target);
        var targetId = Keccak256.Hash(Encoding.UTF8.GetBytes(name + "Target"));
        await RegisterAsync(name, await DeployContractAsync("ManagerProxy", null, Controller, targetId));
    }

    private Task<EthAddress> DeployContractAsync(string name, params object?[] constructorArgs) =>
        DeployContractAsync(name, null, constructorArgs);

    private async Task<EthAddress> DeployContractAsync(string name, Func<ContractArtifact, ContractArtifact>? link, params object?[] constructorArgs)
    {
        var artifact = LivepeerArtifacts.Sdk.Get(name);
        if (link is not null)
        {
            artifact = link(artifact);
        }

        var abi = ContractAbi.FromJson(artifact.AbiJson);
        abis.TryAdd(name, abi);
        var receipt = await SendAsync(Owner, null, abi.EncodeConstructor(artifact.Bytecode, constructorArgs));
        return receipt.ContractAddress ?? throw new InvalidOperationException($"deploying {name} created no contract");
    }

    private async Task RegisterAsync(string name, EthAddress address)
    {
        // setContractInfo(bytes32 id, address, bytes20 gitCommitHash): the commit hash is informational.
        await OwnerSendAsync("Controller", Controller, "setContractInfo", Keccak256.Hash(Encoding.UTF8.GetBytes(name)), address, new byte[20]);
        registered[name] = address;
    }

    private async Task<TransactionReceipt> SendAsync(EthAddress from, EthAddress? to, byte[] data)
    {
        var transaction = new TransactionArgs(From: from, To: to, Data: data);
        Hash32 hash;
        try
        {
            hash = await rpc.SendTransactionAsync(transaction);
        }
        catch (JsonRpcRevertException e)
        {
            throw new InvalidOperationException($"{Describe(to, data)} reverted: {RevertReason.Decode(e.RevertData).Message}", e);
        }

        var receipt = await rpc.WaitForReceiptAsync(hash, ReceiptTimeout);
        return receipt.Succeeded ? receipt : throw new InvalidOperationException($"{Describe(to, data)} failed in transaction {hash}");
    }

    private string Describe(EthAddress? to, byte[] data)
    {
        if (to is null)
        {
            return "a contract creation";
        }

        var function = abis.Values.SelectMany(a => a.Functions).FirstOrDefault(f => data.AsSpan().StartsWith(f.Selector));
        return $"{function?.Signature ?? Convert.ToHexStringLower(data.AsSpan(0, Math.Min(4, data.Length)))} on {to}";
    }
}
