using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Integration.Tests.Media;
using Livepeer.Integration.Tests.Node;
using Livepeer.Payments;
using Livepeer.Protocol;
using Livepeer.Rounds;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime;
using StackExchange.Redis;

namespace Livepeer.Integration.Tests.Fleet;

/// <summary>
/// A fleet on one machine: a real redis-server and five silo processes (an orchestrator, two gateways and two CPU
/// workers), plus an Orleans client in the test process to look at grain state. The silos share one gateway key and
/// one orchestrator key, as the hosts of one operator do. Every ticket wins (face value one wei above EV), so a run
/// exercises the winning-ticket path on every payment, and the embedded ledger's L1 block lasts
/// <see cref="BlockTime"/>, so ticket params expire, and winners become redeemable, within seconds.
/// </summary>
public sealed class FleetFixture : IAsyncLifetime
{
    // Five .NET processes starting at once on a loaded 2-core machine were measured to take over 90 s.
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The embedded ledger's development block time: ticket params last 40 blocks, 10 s.</summary>
    public static readonly TimeSpan BlockTime = TimeSpan.FromMilliseconds(250);

    private static readonly string[] NodeArguments =
    [
        "--transcodingOptions=P144p30fps16x9",
        "--transcodeWorkers=1",
        "--transcodeEngine=ffmpeg", // no start-up measurement: it would take the machine's cores from the other silos
        "--Node:TicketMaxFaceValue=8000000001",
        "--Node:EmbeddedGasPrice=1",
        $"--Node:EmbeddedBlockTime={BlockTime:c}",
        // Each session refresh (every 10 s with these blocks) brings a new auth token, so a new orchestrator session
        // that counts against the cap until it has been idle for 70 s, as in go-livepeer.
        "--maxSessions=100",
    ];

    private readonly EthKey _gatewayKey = EthKey.Generate();
    private readonly EthKey _orchestratorKey = EthKey.Generate();
    private IHost? _client;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "livepeer-fleet-tests", Guid.NewGuid().ToString("N"));

    public RedisServer Redis { get; private set; } = null!;

    public SiloProcess Orchestrator { get; private set; } = null!;

    public IReadOnlyList<SiloProcess> Gateways { get; private set; } = [];

    /// <summary>A running gateway silo, the one streams go through unless a test picks one.</summary>
    public SiloProcess Gateway => Gateways.First(g => g.IsRunning);

    public IReadOnlyList<SiloProcess> Workers { get; private set; } = [];

    /// <summary>The orchestrator's address, the key of its grains.</summary>
    public string OrchestratorId => _orchestratorKey.Address.ToString();

    /// <summary>The gateways' address, the ticket sender's key.</summary>
    public string GatewayId => _gatewayKey.Address.ToString();

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };

    public IClusterClient Client => _client!.Services.GetRequiredService<IClusterClient>();

    /// <summary>A one-second 320×180 segment, the unit of the live-paced streams.</summary>
    public byte[] Segment { get; private set; } = [];

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        Redis = new RedisServer(Path.Combine(Directory, "redis"));
        await Redis.StartAsync();
        Orchestrator = Silo("orchestrator", "orchestrator");
        // Gateway-only silos buy from the fleet's orchestrator over the wire, as go-livepeer's -orchAddr.
        Gateways = [.. new[] { "gateway-a", "gateway-b" }.Select(name => Silo(name, "gateway", $"--orchAddr=127.0.0.1:{Orchestrator.ServicePort}"))];
        Workers = [Silo("worker-a", "cpu-worker"), Silo("worker-b", "cpu-worker")];
        var segment = Ffmpeg.GenerateSegmentAsync(Directory, 320, 180, seconds: 1);
        await Task.WhenAll(Gateways.Concat(Workers).Append(Orchestrator).Select(s => s.StartAsync(Http, StartTimeout)));
        Segment = await segment;

        var redis = ConfigurationOptions.Parse(Redis.ConnectionString);
        redis.AbortOnConnectFail = false;
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client
            .UseRedisClustering(o => o.ConfigurationOptions = redis)
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("livepeer", "livepeer")));
        _client = builder.Build();
        await _client.StartAsync();
        await WarmUpAsync();
    }

    /// <summary>
    /// One segment through each gateway before the tests, as a load balancer's readiness check would: on this loaded
    /// machine a cold gateway's first GetOrchestrator (TLS, HTTP/2, JIT in two processes) was measured to miss
    /// discovery's 6 s cutoff. Its winning tickets are redeemed before the tests count theirs.
    /// </summary>
    private async Task WarmUpAsync()
    {
        await Task.WhenAll(Gateways.Select(async gateway =>
        {
            var deadline = DateTime.UtcNow + StartTimeout;
            for (var seq = 0; ; seq++)
            {
                using var content = new ByteArrayContent(Segment);
                content.Headers.Add("Content-Duration", "1000");
                using var response = await Http.PostAsync(new Uri(gateway.HttpUrl, $"/live/warmup-{gateway.SiloPort}/{seq}.ts"), content);
                if (response.IsSuccessStatusCode)
                    return;
                if (DateTime.UtcNow >= deadline)
                    throw new TimeoutException($"no segment came back through {gateway.HttpUrl} within {StartTimeout}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }));
        var rounds = Client.GetGrain<IRoundsGrain>(OrchestratorId);
        var queue = Client.GetGrain<IWinningTicketQueueGrain>(OrchestratorId);
        var drained = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            await rounds.OnBlock();
            var books = await TicketBooksAsync();
            if ((await queue.GetQueued()).Count == 0 && books.Redeemed == books.WinnersReceived)
                return;
            if (DateTime.UtcNow >= drained)
                throw new TimeoutException($"the warm-up's winning tickets were not redeemed within {StartTimeout}: {books}");
            await Task.Delay(BlockTime);
        }
    }

    /// <summary>A silo process with the fleet's shared keys in its data directory.</summary>
    private SiloProcess Silo(string name, string roles, params string[] arguments)
    {
        var silo = new SiloProcess(name, Path.Combine(Directory, name), roles, Redis.ConnectionString, [.. NodeArguments, .. arguments]);
        var keys = Path.Combine(silo.DataDirectory, "keys");
        System.IO.Directory.CreateDirectory(keys);
        File.WriteAllText(Path.Combine(keys, "gateway.key"), Convert.ToHexStringLower(_gatewayKey.PrivateKeyBytes()));
        File.WriteAllText(Path.Combine(keys, "orchestrator.key"), Convert.ToHexStringLower(_orchestratorKey.PrivateKeyBytes()));
        return silo;
    }

    /// <summary>Starts again whichever worker or gateway a test stopped.</summary>
    public async Task EnsureSilosRunningAsync()
    {
        foreach (var silo in Workers.Concat(Gateways).Where(w => !w.IsRunning))
            await silo.StartAsync(Http, StartTimeout);
    }

    /// <summary>The worker process whose silo hosts the orchestrator's (only) transcode worker grain, once it exists.</summary>
    public async Task<SiloProcess> ServingWorkerAsync(TimeSpan timeout)
    {
        var key = $"{OrchestratorId}-0";
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await HostOfAsync(key, "TranscodeWorkerGrain") is { } port)
                return Workers.Single(w => w.SiloPort == port);
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"no silo hosts transcode worker {key} after {timeout}");
            await Task.Delay(100);
        }
    }

    /// <summary>The silo port of the activation of the grain of this key and class, or null when there is none.</summary>
    public async Task<int?> HostOfAsync(string key, string grainClass)
    {
        var activations = await Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return activations.FirstOrDefault(a => a.GrainId.Key.ToString() == key && a.GrainType.Contains(grainClass, StringComparison.Ordinal))
            ?.SiloAddress.Endpoint.Port;
    }

    /// <summary>The orchestrator's ticket counters (its process lives through every test) and the embedded ledger's books.</summary>
    public async Task<TicketBooks> TicketBooksAsync()
    {
        var metrics = PrometheusText.Parse(await Http.GetStringAsync(new Uri(Orchestrator.HttpUrl, "/metrics")));
        var broker = Client.GetGrain<ITicketBrokerGrain>(TicketBrokerGrain.Embedded);
        return new TicketBooks(
            (long)metrics.Sum("livepeer_winning_tickets_recv"),
            (long)metrics.Sum("livepeer_winning_tickets_redeemed"),
            (long)metrics.Sum("livepeer_payment_recv_errors"),
            await broker.GetFees(EthAddress.Parse(OrchestratorId)),
            (await broker.GetSenderInfo(EthAddress.Parse(GatewayId))).Deposit);
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }
        foreach (var silo in Workers.Concat(Gateways).Append(Orchestrator))
            await silo.DisposeAsync();
        await Redis.DisposeAsync();
        Http.Dispose();
        if (Environment.GetEnvironmentVariable("LIVEPEER_KEEP_FLEET") is null)
            System.IO.Directory.Delete(Directory, recursive: true);
    }
}

/// <param name="WinnersReceived">Winning tickets the orchestrator received and queued.</param>
/// <param name="Redeemed">Winning tickets it redeemed.</param>
/// <param name="PaymentErrors">Payments it refused (a reused nonce would be one).</param>
/// <param name="Fees">The orchestrator's fees on the ledger: what redeemed tickets paid it.</param>
/// <param name="Deposit">The gateway's deposit on the ledger, which pays the tickets.</param>
public sealed record TicketBooks(long WinnersReceived, long Redeemed, long PaymentErrors, BigInteger Fees, BigInteger Deposit);
