using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Ethereum;
using Livepeer.Node;
using Microsoft.Extensions.Logging;

namespace Livepeer.Protocol.Ethereum;

/// <summary>
/// A node's link to an Ethereum RPC in <c>--network</c> mode: its account from the keystore, the chain id, the contracts
/// resolved through the Controller and the chain's clock and gas price. The node and the operator commands open it the
/// same way from the <see cref="NodeOptions"/>.
/// </summary>
public sealed class EthereumConnection : IDisposable
{
    private readonly HttpClient http;

    private EthereumConnection(HttpClient http, JsonRpcClient rpc, EthKey account, long chainId, LivepeerContracts contracts)
    {
        this.http = http;
        Rpc = rpc;
        Account = account;
        ChainId = chainId;
        Contracts = contracts;
        Time = new ChainTimeManager(rpc, contracts.RoundsManager);
        GasPrice = new ChainGasPrice(rpc);
        Ledger = new EthereumLedger(contracts.TicketBroker);
    }

    public JsonRpcClient Rpc { get; }

    /// <summary>The node's key: it signs tickets and transactions. Never logged.</summary>
    public EthKey Account { get; }

    public long ChainId { get; }

    public LivepeerContracts Contracts { get; }

    public ChainTimeManager Time { get; }

    public ChainGasPrice GasPrice { get; }

    public EthereumLedger Ledger { get; }

    /// <exception cref="InvalidOperationException">A setting is missing or malformed.</exception>
    /// <exception cref="KeystoreException">The keystore cannot be read with the password.</exception>
    /// <exception cref="JsonRpcTransportException">The RPC does not answer, after the retries.</exception>
    public static async Task<EthereumConnection> OpenAsync(
        NodeOptions node, ILoggerFactory? logging = null, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(node.EthUrl, UriKind.Absolute, out var endpoint))
        {
            throw new InvalidOperationException($"network '{node.Network}' needs ethUrl, the JSON-RPC endpoint (got '{node.EthUrl}')");
        }

        var controller = EthereumNetwork.Controller(node.Network, node.EthController);
        if (string.IsNullOrEmpty(node.EthKeystorePath))
        {
            throw new InvalidOperationException($"network '{node.Network}' needs ethKeystorePath, the account's keystore file");
        }

        BigInteger maxGasPrice;
        try
        {
            maxGasPrice = TokenAmount.Parse(node.MaxGasPrice);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"maxGasPrice: {e.Message}", e);
        }

        var account = KeystoreAccount.Load(node.EthKeystorePath, node.EthPassword);
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan }; // the client's Polly timeout governs
        var rpc = new JsonRpcClient(http, new JsonRpcClientOptions(endpoint), logger: logging?.CreateLogger<JsonRpcClient>());
        long chainId;
        try
        {
            chainId = await rpc.ChainIdAsync(cancellationToken);
        }
        catch
        {
            http.Dispose();
            throw;
        }

        var sender = new TransactionSender(rpc, account, new TransactionSenderOptions
        {
            ChainId = (ulong)chainId,
            MaxGasPrice = maxGasPrice.IsZero ? null : maxGasPrice,
        });
        var contracts = await LivepeerContracts.ResolveAsync(rpc, controller, sender, cancellationToken);
        var connection = new EthereumConnection(http, rpc, account, chainId, contracts);
        await connection.Time.RefreshAsync(cancellationToken);
        await connection.GasPrice.RefreshAsync(cancellationToken);
        return connection;
    }

    public void Dispose() => http.Dispose();
}
