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

        TransactionReceipt receipt;
        try
        {
            receipt = await Rpc.WaitForReceiptAsync(signed.Hash, options.ReceiptTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            var replacement = await ReplaceAsync(signed, cancellationToken);
            receipt = await WaitForEitherReceiptAsync(signed.Hash, replacement.Hash, cancellationToken);
        }

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

    /// <summary>
    /// The one replacement go-livepeer sends for a transaction still pending after the receipt timeout
    /// (<c>-maxTxReplacements</c> 1): the same nonce, call and gas limit, with the fee cap and the tip × 1.11 rounded up,
    /// above the 10 % bump a node requires to replace a pending transaction (see shared spec: protocol-contracts.md §15.4).
    /// </summary>
    /// <exception cref="TimeoutException">The bumped fee cap would be above <see cref="TransactionSenderOptions.MaxGasPrice"/>.</exception>
    private async Task<SignedTransaction> ReplaceAsync(SignedTransaction pending, CancellationToken cancellationToken)
    {
        var original = (Eip1559Transaction)pending.Transaction;
        var maxFee = Bump(original.MaxFeePerGas);
        if (options.MaxGasPrice is { } cap && maxFee > cap)
        {
            throw new TimeoutException(
                $"transaction {pending.Hash} has no receipt after {options.ReceiptTimeout.TotalSeconds:0.###} s, and its replacement's " +
                $"fee cap of {maxFee} wei would be above the maximum gas price of {cap} wei");
        }

        var replacement = original with { MaxFeePerGas = maxFee, MaxPriorityFeePerGas = Bump(original.MaxPriorityFeePerGas) };
        var signed = replacement.Sign(key);
        await Rpc.SendRawTransactionAsync(signed.ToArray(), cancellationToken);
        return signed;
    }

    private static BigInteger Bump(BigInteger fee) => ((fee * ReplacementFeeBumpPercent) + 99) / 100;

    /// <summary>Fees of a replacement, in percent of the pending transaction's (go-livepeer's 1.11).</summary>
    public const int ReplacementFeeBumpPercent = 111;

    /// <summary>The receipt of whichever of the two transactions (same nonce) is mined; only one can be.</summary>
    private async Task<TransactionReceipt> WaitForEitherReceiptAsync(Hash32 original, Hash32 replacement, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var waits = new List<Task<TransactionReceipt>>
        {
            Rpc.WaitForReceiptAsync(original, options.ReceiptTimeout, stop.Token),
            Rpc.WaitForReceiptAsync(replacement, options.ReceiptTimeout, stop.Token),
        };
        while (true)
        {
            var done = await Task.WhenAny(waits);
            waits.Remove(done);
            if (done.IsCompletedSuccessfully || waits.Count == 0)
            {
                await stop.CancelAsync();
                foreach (var other in waits)
                {
                    try
                    {
                        await other;
                    }
                    catch (Exception e) when (e is OperationCanceledException or TimeoutException)
                    {
                        // the other transaction of the nonce, never to be mined
                    }
                }

                return await done;
            }
        }
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
