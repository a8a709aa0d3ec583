using System.Collections.Concurrent;
using Livepeer.Crypto;
using Livepeer.Ethereum;

namespace Livepeer.Protocol.Ethereum;

/// <summary>
/// Hands out transaction nonces per account: the larger of a local counter and the node's pending nonce, under a
/// lock per account, so concurrent sends from one account never reuse a nonce (go-livepeer's <c>eth/noncemanager.go</c>).
/// </summary>
public sealed class NonceManager(JsonRpcClient rpc)
{
    private readonly ConcurrentDictionary<EthAddress, Account> accounts = new();

    /// <summary>
    /// Runs <paramref name="send"/> with the next nonce while holding the account's lock. The counter advances only
    /// when <paramref name="send"/> returns: a transaction the node refused does not burn a nonce.
    /// </summary>
    public async Task<T> WithNextNonceAsync<T>(EthAddress account, Func<ulong, Task<T>> send, CancellationToken cancellationToken = default)
    {
        var state = accounts.GetOrAdd(account, _ => new Account());
        await state.Lock.WaitAsync(cancellationToken);
        try
        {
            var pending = (ulong)await rpc.GetTransactionCountAsync(account, BlockParameter.Pending, cancellationToken);
            var nonce = Math.Max(pending, state.Next);
            var result = await send(nonce);
            state.Next = nonce + 1;
            return result;
        }
        finally
        {
            state.Lock.Release();
        }
    }

    private sealed class Account
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        public ulong Next { get; set; }
    }
}
