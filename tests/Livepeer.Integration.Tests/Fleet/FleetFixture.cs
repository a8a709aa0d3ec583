using System.Net.Http.Json;
using System.Text.Json;
using Livepeer.Integration.Tests.Media;
using Livepeer.Orchestrator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime;
using StackExchange.Redis;

namespace Livepeer.Integration.Tests.Fleet;

/// <summary>
/// A fleet on one machine: a real redis-server and three silo processes (a gateway that is also the orchestrator,
/// and two CPU workers), plus an Orleans client in the test process to look at grain state. Every ticket wins
/// (face value one wei above EV), so a run exercises the winning-ticket path on every payment.
/// </summary>
public sealed class FleetFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private static readonly string[] NodeArguments =
    [
        "--transcodingOptions=P144p30fps16x9",
        "--transcodeWorkers=1",
        "--Node:TicketMaxFaceValue=8000000001",
        "--Node:EmbeddedGasPrice=1",
    ];

    private IHost? _client;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "livepeer-fleet-tests", Guid.NewGuid().ToString("N"));

    public RedisServer Redis { get; private set; } = null!;

    public SiloProcess Gateway { get; private set; } = null!;

    public IReadOnlyList<SiloProcess> Workers { get; private set; } = [];

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };

    public IClusterClient Client => _client!.Services.GetRequiredService<IClusterClient>();

    /// <summary>A one-second 320×180 segment, the unit of the live-paced streams.</summary>
    public byte[] Segment { get; private set; } = [];

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        Redis = new RedisServer(Path.Combine(Directory, "redis"));
        await Redis.StartAsync();
        Gateway = new SiloProcess("gateway", Path.Combine(Directory, "gateway"), "gateway,orchestrator", Redis.ConnectionString, NodeArguments);
        Workers =
        [
            new SiloProcess("worker-a", Path.Combine(Directory, "worker-a"), "cpu-worker", Redis.ConnectionString, NodeArguments),
            new SiloProcess("worker-b", Path.Combine(Directory, "worker-b"), "cpu-worker", Redis.ConnectionString, NodeArguments),
        ];
        var segment = Ffmpeg.GenerateSegmentAsync(Directory, 320, 180, seconds: 1);
        await Task.WhenAll(Gateway.StartAsync(Http, StartTimeout), Workers[0].StartAsync(Http, StartTimeout), Workers[1].StartAsync(Http, StartTimeout));
        Segment = await segment;

        var redis = ConfigurationOptions.Parse(Redis.ConnectionString);
        redis.AbortOnConnectFail = false;
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client
            .UseRedisClustering(o => o.ConfigurationOptions = redis)
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("livepeer", "livepeer")));
        _client = builder.Build();
        await _client.StartAsync();
    }

    /// <summary>Starts again whichever worker a test stopped.</summary>
    public async Task EnsureWorkersRunningAsync()
    {
        foreach (var worker in Workers.Where(w => !w.IsRunning))
            await worker.StartAsync(Http, StartTimeout);
    }

    /// <summary>The orchestrator's address, from its status page.</summary>
    public async Task<string> OrchestratorIdAsync()
    {
        // The service port speaks TLS with the node's self-signed certificate, which Livepeer peers do not verify.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var https = new HttpClient(handler);
        var status = await https.GetFromJsonAsync<JsonElement>(new Uri($"https://127.0.0.1:{Gateway.ServicePort}/status"));
        return status.GetProperty("address").GetString()!;
    }

    /// <summary>The worker process whose silo hosts the orchestrator's (only) transcode worker grain, once it exists.</summary>
    public async Task<SiloProcess> ServingWorkerAsync(string orchestratorId, TimeSpan timeout)
    {
        var key = $"{orchestratorId}-0";
        var management = Client.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var activations = await management.GetDetailedGrainStatistics();
            var silo = activations.FirstOrDefault(a => a.GrainId.Key.ToString() == key)?.SiloAddress;
            if (silo is not null)
                return Workers.Single(w => w.SiloPort == silo.Endpoint.Port);
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"no silo hosts transcode worker {key} after {timeout}");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }
        foreach (var silo in Workers.Append(Gateway))
            await silo.DisposeAsync();
        await Redis.DisposeAsync();
        Http.Dispose();
        if (Environment.GetEnvironmentVariable("LIVEPEER_KEEP_FLEET") is null)
            System.IO.Directory.Delete(Directory, recursive: true);
    }
}
