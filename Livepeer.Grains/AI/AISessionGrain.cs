using Livepeer.Monitoring;
using Livepeer.Node;
using Livepeer.Orchestrator;
using Livepeer.Payments;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Livepeer.AI;

/// <summary>
/// Pays for AI jobs as <see cref="Broadcast.BroadcastSessionGrain"/> pays for segments: fresh ticket params at the
/// model's price, a fee of units × price (no 1.02 margin for AI; see shared spec: ai.md §5), balance staging, and
/// settlement from the units the orchestrator debited. Reentrant so that jobs of one model run side by side.
/// </summary>
[Reentrant]
[GatewayPlacement]
public sealed class AISessionGrain(
    IOrchestratorDirectory orchestrators,
    NodeKeys keys,
    ITimeManager clock,
    ILogger<AISessionGrain> logger) : Grain, IAISessionGrain
{
    /// <summary>Params this close to expiry are refreshed first (go-livepeer's <c>paramsExpiryBuffer</c>).</summary>
    private const int ParamsExpiryBuffer = 1;

    private GatewayBalance _balance = new();
    private string? _orchestratorId;
    private OrchestratorInfo? _info;

    async Task<AIResult> IAISessionGrain.Process(AIJob job)
    {
        var (paid, failure) = await PayAsync(job);
        var result = failure ?? Settle(job, paid, await paid.Orchestrator.ProcessAIJob(paid.Request));
        LivepeerMetrics.AIRequestFinished(job.Pipeline, job.ModelId, result.Error?.StatusCode);
        return result;
    }

    async IAsyncEnumerable<AIStreamItem> IAISessionGrain.ProcessStream(AIJob job)
    {
        var (paid, failure) = await PayAsync(job);
        if (failure is not null)
        {
            LivepeerMetrics.AIRequestFinished(job.Pipeline, job.ModelId, failure.Error?.StatusCode);
            yield return AIStreamItem.Ended(failure);
            yield break;
        }
        await foreach (var item in paid.Orchestrator.ProcessAIStream(paid.Request))
        {
            if (item.End is not { } end)
            {
                yield return item;
                continue;
            }
            var result = Settle(job, paid, end);
            LivepeerMetrics.AIRequestFinished(job.Pipeline, job.ModelId, result.Error?.StatusCode);
            yield return AIStreamItem.Ended(result);
        }
    }

    /// <summary>Ticket params at the model's price, the fee for the job's units, and the tickets that cover it.</summary>
    private async Task<(AIPayment Paid, AIResult? Failure)> PayAsync(AIJob job)
    {
        var orchestratorId = orchestrators.Select();
        if (orchestratorId != _orchestratorId)
        {
            _orchestratorId = orchestratorId;
            _info = null;
            _balance = new GatewayBalance();
        }
        var orchestrator = GrainFactory.GetGrain<IOrchestratorGrain>(orchestratorId);
        var sender = keys.Gateway.Address;
        if (_info?.TicketParams is not { } current || current.ExpirationBlock - clock.LastSeenL1Block <= ParamsExpiryBuffer)
        {
            _info = await orchestrator.GetAIOrchestratorInfo(sender, job.Pipeline, job.ModelId);
            if (_info is null)
                return (default, AIResult.Failure(503, $"no runner for model {job.ModelId}"));
        }
        var info = _info;
        if (info.TicketParams is not { } ticketParams)
            return (default, AIResult.Failure(500, $"orchestrator {orchestratorId} issued no ticket params: {info.Error?.Message}"));

        var (units, unitsError) = await AIUnits.ComputeAsync(job);
        if (unitsError is not null)
            return (default, new AIResult(null, null, unitsError, 0));
        var fee = new BigRational(units, 1) * info.Price.PricePerPixel;
        StagedPayment? staged = null;
        TicketBatch? payment = null;
        if (!info.Price.IsFree)
        {
            staged = _balance.Stage(fee, ticketParams.EV);
            if (staged.Value.NumTickets > 0)
            {
                var batch = await GrainFactory.GetGrain<ITicketSenderGrain>(sender.ToString()).CreateTicketBatch(ticketParams, staged.Value.NumTickets);
                if (batch.Error is { } error)
                {
                    _balance.Restore(staged.Value);
                    _info = null;
                    return (default, AIResult.Failure(500, $"cannot pay orchestrator {orchestratorId}: {error.Message}"));
                }
                payment = batch.Batch;
            }
        }
        return (new AIPayment(orchestrator, orchestratorId, new AIJobRequest(job, sender, payment, info.Price), staged), null);
    }

    /// <summary>Settles the staged credit from what the orchestrator answered.</summary>
    private AIResult Settle(AIJob job, AIPayment paid, AIResult result)
    {
        if (paid.Staged is not { } staged)
            return result;
        if (result.RefusedBeforePayment)
        {
            // The orchestrator never looked at the tickets: nothing was credited there, so nothing is here.
            _balance.Restore(staged);
            return result;
        }
        if (result.Error is { StatusCode: 402 } rejected)
        {
            // Sent but refused: the credit is spent (go-livepeer's CreditSpent), and params are fetched afresh.
            logger.LogWarning("{Pipeline} {ModelId}: orchestrator refused {Tickets} tickets: {Error}", job.Pipeline, job.ModelId, staged.NumTickets, rejected.Message);
            _info = null;
            return AIResult.Failure(500, $"orchestrator {paid.OrchestratorId} refused the payment: {rejected.Message}");
        }
        // The orchestrator credited the tickets and debited only work it did: a failed job leaves the credit there.
        _balance.Settle(staged, new BigRational(result.Units, 1) * paid.Request.ExpectedPrice.PricePerPixel);
        return result;
    }

    private readonly record struct AIPayment(IOrchestratorGrain Orchestrator, string OrchestratorId, AIJobRequest Request, StagedPayment? Staged);
}
