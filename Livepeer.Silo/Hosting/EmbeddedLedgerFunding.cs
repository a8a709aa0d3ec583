using Livepeer.Crypto;
using Livepeer.Node;
using Livepeer.Protocol;

namespace Livepeer.Silo.Hosting;

/// <summary>
/// Gives the node's own gateway a deposit and reserve on the embedded ledger the first time the node starts, so that
/// it can pay its orchestrator out of the box. Runs after the silo has started; a funded account is left as it is.
/// Also logs which secp256k1 backend signs and checks the tickets, choosing it now rather than on the first ticket.
/// </summary>
internal sealed class EmbeddedLedgerFunding(ILedger ledger, NodeKeys keys, NodePayments payments, ILogger<EmbeddedLedgerFunding> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var sender = keys.Gateway.Address;
        var info = await ledger.GetSenderInfoAsync(sender);
        if (info.Deposit.IsZero && info.Reserve.IsZero)
        {
            var funding = await ledger.FundDepositAndReserveAsync(sender, payments.EmbeddedDeposit, payments.EmbeddedReserve);
            if (!funding.Succeeded)
                throw new InvalidOperationException($"funding the gateway on the embedded ledger failed: {funding.RevertReason}");
            info = await ledger.GetSenderInfoAsync(sender);
        }
        logger.LogInformation("Gateway {Sender}: deposit {Deposit} wei, reserve {Reserve} wei; orchestrator {Orchestrator}",
            sender, info.Deposit, info.Reserve, keys.Orchestrator.Address);
        logger.LogInformation("Ticket signatures: {Secp256k1Backend}", Secp256k1Backend.SelectionReason);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
