using Livepeer.Monitoring;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace Livepeer.Silo.Hosting;

/// <summary>What every silo that serves HTTP offers an operator: liveness, readiness and Prometheus metrics.</summary>
internal static class OperatorEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddOperatorEndpoints(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: [ReadyTag]);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(LivepeerMetrics.MeterName, "Microsoft.Orleans", "System.Runtime", "Microsoft.AspNetCore.Hosting")
            // go-livepeer's names as they are: its counters carry no _total suffix unless their name has one.
            .AddPrometheusExporter(o => o.DisableTotalNameSuffixForCounters = true));
        return services;
    }

    /// <summary>
    /// <c>/healthz</c>: the process serves requests (no checks, for a liveness probe that must not restart a silo
    /// only because Redis is briefly away). <c>/readyz</c>: the silo is an active cluster member. <c>/metrics</c>: the
    /// <c>Livepeer</c> meter, the Orleans, .NET runtime and ASP.NET meters through OpenTelemetry, in Prometheus text format.
    /// </summary>
    public static void MapOperatorEndpoints(this IEndpointRouteBuilder endpoints, string host)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).RequireHost(host);
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).RequireHost(host);
        endpoints.MapPrometheusScrapingEndpoint("/metrics").RequireHost(host);
    }
}
