using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Ethereum;

namespace Livepeer.Protocol.Ethereum;

/// <summary>
/// Sends contract transactions from one account: EIP-1559 transactions signed with its <see cref="EthKey"/>, gas
/// limit from <c>eth_estimateGas</c> with a margin, fee cap 2 × base fee + tip bounded by
/// <see cref="TransactionSenderOptions.MaxGasPrice"/>, and waits for the receipt (see shared spec:
/// protocol-contracts.md §15.4). A reverted transaction becomes a <see cref="ContractRevertException"/> with the
/// contract's reason.
/// </summary>
public sealed class TransactionSender
{
    private readonly EthKey key;
    private readonly TransactionSenderOptions options;
    private readonly NonceManager nonces;

    /// <param name="nonces">Share one per process when several senders may use the same key.</param>
    public TransactionSender(JsonRpcClient rpc, EthKey key, TransactionSenderOptions options, NonceManager? nonces = null)
    {
        Rpc = rpc;
        this.key = key;
        this.options = options;
        this.nonces = nonces ?? new NonceManager(rpc);
    }

    public JsonRpcClient Rpc { get; }

    /// <summary>The account that signs and pays.</summary>
    public EthAddress Address => key.Address;

    /// <summary>Sends a call of <paramref name="function"/> and waits until it is mined successfully.</summary>
    /// <exception cref="ContractRevertException">The gas estimate or the mined transaction reverted.</exception>
    /// <exception cref="GasPriceTooHighException">Nothing was sent: the gas price is above the cap.</exception>
    /// <exception cref="TimeoutException">No receipt within <see cref="TransactionSenderOptions.ReceiptTimeout"/>.</exception>
    /// <param name="gasLimit">
    /// The gas limit to use instead of the estimate with its margin: for calls that swallow inner failures, whose
    /// estimate is only what makes the outer call succeed.
    /// </param>
    public Task<TransactionReceipt> SendAsync(
        EthAddress to,
        AbiFunction function,
        object?[] args,
        BigInteger? value = null,
        long? gasLimit = null,
        CancellationToken cancellationToken = default) =>
        SendAsync(to, function.Signature, function.EncodeCall(args), value ?? BigInteger.Zero, gasLimit, cancellationToken);

    /// <summary><c>eth_estimateGas</c> of a call from this account, times the margin.</summary>
    /// <exception cref="ContractRevertException">The call would revert.</exception>
    public async Task<long> EstimateGasAsync(
        EthAddress to, AbiFunction function, object?[] args, BigInteger? value = null, CancellationToken cancellationToken = default)
    {
        var call = new TransactionArgs(From: Address, To: to, Data: function.EncodeCall(args), Value: value is { IsZero: false } ? value : null);
        try
        {
            var estimate = await Rpc.EstimateGasAsync(call, cancellationToken: cancellationToken);
            return (long)Math.Ceiling(estimate * options.GasLimitMultiplier);
        }
        catch (JsonRpcRevertException e)
        {
            throw new ContractRevertException(function.Signature, RevertReason.Decode(e.RevertData), inner: e);
        }
    }

    private async Task<TransactionReceipt> SendAsync(
        EthAddress to, string function, byte[] data, BigInteger value, long? fixedGasLimit, CancellationToken cancellationToken)
    {
        var call = new TransactionArgs(From: Address, To: to, Data: data, Value: value.IsZero ? null : value);
        ulong gasLimit;
        if (fixedGasLimit is { } limit)
        {
            gasLimit = (ulong)limit;
        }
        else
        {
            try
            {
                gasLimit = (ulong)Math.Ceiling(await Rpc.EstimateGasAsync(call, cancellationToken: cancellationToken) * options.GasLimitMultiplier);
            }
            catch (JsonRpcRevertException e)
            {
                throw new ContractRevertException(function, RevertReason.Decode(e.RevertData), inner: e);
            }
        }

        var (maxFee, tip) = await FeesAsync(cancellationToken);

        var signed = await nonces.WithNextNonceAsync(Address, async nonce =>
        {
            var transaction = new Eip1559Transaction
            {
                ChainId = options.ChainId,
                Nonce = nonce,
                GasLimit = gasLimit,
                MaxFeePerGas = maxFee,
                MaxPriorityFeePerGas = tip,
                To = to,
                Value = value,
                Data = data,
            }.Sign(key);
            await Rpc.SendRawTransactionAsync(transaction.ToArray(), cancellationToken);
            return transaction;
        }, cancellationToken);

        var receipt = await Rpc.WaitForReceiptAsync(signed.Hash, options.ReceiptTimeout, cancellationToken);
        if (receipt.Succeeded)
        {
            return receipt;
        }

        // A receipt carries no revert data: replay the call on the state of the block it failed in to learn why.
        var replay = call with { Gas = (long)gasLimit };
        RevertReason reason;
        try
        {
            await Rpc.CallAsync(replay, receipt.BlockNumber, cancellationToken);
            reason = RevertReason.Decode([]);
        }
        catch (JsonRpcRevertException e)
        {
            reason = RevertReason.Decode(e.RevertData);
        }

        throw new ContractRevertException(function, reason, receipt);
    }

    /// <summary>(max fee per gas, tip): 2 × base fee + tip, capped; refused when base fee + tip is above the cap.</summary>
    private async Task<(BigInteger MaxFee, BigInteger Tip)> FeesAsync(CancellationToken cancellationToken)
    {
        var head = await Rpc.GetBlockByNumberAsync(BlockParameter.Latest, cancellationToken)
            ?? throw new InvalidOperationException("the node returned no latest block");
        var baseFee = head.BaseFeePerGas ?? await Rpc.GasPriceAsync(cancellationToken);
        var tip = await Rpc.MaxPriorityFeePerGasAsync(cancellationToken);
        var maxFee = (2 * baseFee) + tip;
        if (options.MaxGasPrice is { } cap)
        {
            if (baseFee + tip > cap)
            {
                throw new GasPriceTooHighException(baseFee + tip, cap);
            }

            maxFee = BigInteger.Min(maxFee, cap);
        }

        return (maxFee, tip);
    }
}
