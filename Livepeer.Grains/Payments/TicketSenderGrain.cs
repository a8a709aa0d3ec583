using Livepeer.Crypto;
using Livepeer.Monitoring;
using Livepeer.Node;
using Livepeer.Protocol;
using Livepeer.Storage;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Livepeer.Payments;

/// <summary>
/// Reentrant so that every stream's batch does not queue behind the previous one's ledger read and state write: the
/// signing and nonce bookkeeping run within one turn (no await between them), and the state writes are group-committed.
/// </summary>
[GatewayPlacement]
[Reentrant]
public sealed class TicketSenderGrain(
    [PersistentState("ticketSender")] IPersistentState<TicketSenderState> state,
    NodeKeys keys,
    ITimeManager clock,
    ILedger ledger,
    IOptions<NodeOptions> options) : Grain, ITicketSenderGrain
{
    private readonly SenderMonitor _ledger = new(transcoderPoolSize: 1);
    private Sender _sender = null!;
    private GroupCommit _writes = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var address = EthAddress.Parse(this.GetPrimaryKeyString());
        if (address != keys.Gateway.Address)
            throw new InvalidOperationException($"this node holds no key for sender {address}");
        _sender = new Sender(keys.Gateway, clock, _ledger, new NodePayments(options).SenderLimits);
        _writes = new GroupCommit(() => state.WriteStateAsync());
        return Task.CompletedTask;
    }

    async Task<TicketBatchResult> ITicketSenderGrain.CreateTicketBatch(TicketParams ticketParams, int count)
    {
        var info = await ledger.GetSenderInfoAsync(_sender.Address);
        _ledger.Update(_sender.Address, info);
        LivepeerMetrics.SenderFunds(info.Deposit, info.Reserve);

        var hash = ticketParams.RecipientRandHash.ToString();
        var session = state.State.Sessions.GetValueOrDefault(hash);
        var sessionId = _sender.StartSessionWithNonce(ticketParams, session?.LastNonce ?? 0);
        var batch = _sender.CreateTicketBatch(sessionId, count);
        if (!batch.IsSuccess)
            return new TicketBatchResult(null, batch.Error);

        DropExpiredSessions();
        state.State.Sessions[hash] = new NonceSession { LastNonce = _sender.Nonce(sessionId) ?? 0, ExpirationBlock = ticketParams.ExpirationBlock };
        // Persist before the tickets leave: if this write fails the batch is never sent and its nonces stay unused.
        await _writes.WriteAsync();
        LivepeerMetrics.TicketsCreated(count, ticketParams.EV);
        return new TicketBatchResult(batch.Value, null);
    }

    Task<uint> ITicketSenderGrain.GetLastNonce(Hash32 recipientRandHash) =>
        Task.FromResult(state.State.Sessions.GetValueOrDefault(recipientRandHash.ToString())?.LastNonce ?? 0);

    private void DropExpiredSessions()
    {
        var latest = clock.LastSeenL1Block;
        foreach (var (hash, session) in state.State.Sessions.Where(s => s.Value.ExpirationBlock < latest).ToList())
        {
            state.State.Sessions.Remove(hash);
            _sender.CleanupSession(hash);
        }
    }
}
