using Livepeer.Node;
using Livepeer.Orchestrator;
using Livepeer.Transcoding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Livepeer.GatewayApi.Apis;

/// <summary>The orchestrator service's status page: who it is, what it charges and sells, and what it has done.</summary>
public static class OrchestratorStatusApi
{
    public static RouteHandlerBuilder MapOrchestratorStatusApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/status", GetStatus);

    private static async Task<IResult> GetStatus(NodeKeys keys, NodePayments payments, TranscodingLadder ladder, IGrainFactory grains)
    {
        var address = keys.Orchestrator.Address.ToString();
        var stats = await grains.GetGrain<IOrchestratorGrain>(address).GetStats();
        var price = payments.Price;
        return Results.Json(new
        {
            address,
            price = new { pricePerUnit = price.PricePerUnit, pixelsPerUnit = price.PixelsPerUnit },
            ticketEV = payments.TicketConfig.EV.ToString(),
            transcodingProfiles = ladder.Profiles.Select(p => new { p.Name, p.Width, p.Height, p.Bitrate }),
            stats,
        });
    }
}
