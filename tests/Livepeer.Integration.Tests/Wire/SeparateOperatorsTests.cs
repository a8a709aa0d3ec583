using System.Net.Http.Headers;
using System.Numerics;
using Livepeer.Integration.Tests.Media;
using Livepeer.Node;
using Livepeer.Orchestrator;
using Livepeer.Protocol;
using Livepeer.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Integration.Tests.Wire;

/// <summary>
/// A gateway operator and two orchestrator operators, each its own silo (its own cluster, ports and data), talking
/// only through Livepeer's wire protocol on loopback. The orchestrators' embedded ledgers each hold the gateway's
/// deposit, as the one chain they would share does.
/// </summary>
public sealed class SeparateOperatorsFixture : IAsyncLifetime
{
    private readonly List<WebApplication> _apps = [];

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "livepeer-wire-tests", Guid.NewGuid().ToString("N"));

    public List<(WebApplication App, int Port, string Address)> Orchestrators { get; } = [];

    public WebApplication Gateway { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };

    public byte[] Segment { get; private set; } = [];

    /// <summary>Switches every orchestrator node gets besides its own (e.g. a session cap).</summary>
    public string[] OrchestratorArguments { get; init; } = [];

    public async Task InitializeAsync()
    {
        // The third orchestrator charges more than the gateway's max price: it must never get work.
        await InitializeOrchestratorsAsync(1, 1, 1000);
        await StartGatewayAsync([.. Orchestrators.Select(o => $"https://127.0.0.1:{o.Port}")]);
    }

    /// <summary>Makes the test segment and starts one orchestrator-only node per price.</summary>
    public async Task InitializeOrchestratorsAsync(params int[] prices)
    {
        System.IO.Directory.CreateDirectory(Directory);
        Segment = await Ffmpeg.GenerateSegmentAsync(Directory, 320, 180, seconds: 0.5);
        foreach (var price in prices)
        {
            var port = FreePorts.Next();
            var app = await StartAsync(["--orchestrator", $"--serviceAddr=127.0.0.1:{port}", $"--pricePerUnit={price}", "--transcodingOptions=P144p30fps16x9", .. OrchestratorArguments]);
            Orchestrators.Add((app, port, app.Services.GetRequiredService<NodeKeys>().Orchestrator.Address.ToString()));
        }
    }

    /// <summary>Starts the gateway-only node on <paramref name="orchAddrs"/> and funds its deposit in every orchestrator's ledger.</summary>
    public async Task<WebApplication> StartGatewayAsync(params string[] orchAddrs)
    {
        var httpPort = FreePorts.Next();
        Gateway = await StartAsync("--gateway", $"--httpAddr=127.0.0.1:{httpPort}", "--maxPricePerUnit=10", "--transcodingOptions=P144p30fps16x9",
            $"--orchAddr={string.Join(',', orchAddrs)}");
        Http.BaseAddress = new Uri($"http://127.0.0.1:{httpPort}");
        var sender = Gateway.Services.GetRequiredService<NodeKeys>().Gateway.Address;
        var ether = BigInteger.Pow(10, 18);
        foreach (var (app, _, _) in Orchestrators)
            await app.Services.GetRequiredService<ILedger>().FundDepositAndReserveAsync(sender, ether, ether);
        return Gateway;
    }

    public async Task<(int Status, string Body)> PushAsync(string manifestId, long seq)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/live/{manifestId}/{seq}.ts") { Content = new ByteArrayContent(Segment) };
        request.Headers.Add("Content-Duration", "500");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("multipart/mixed"));
        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<OrchestratorStats> StatsAsync(int index) =>
        Orchestrators[index].App.Services.GetRequiredService<IGrainFactory>().GetGrain<IOrchestratorGrain>(Orchestrators[index].Address).GetStats();

    public async Task StopAsync(WebApplication app)
    {
        await app.StopAsync();
        await app.DisposeAsync();
        _apps.Remove(app);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        foreach (var app in _apps.ToList())
            await StopAsync(app);
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private async Task<WebApplication> StartAsync(params string[] args)
    {
        var app = NodeHost.Build(
        [
            .. args,
            $"--siloPort={FreePorts.Next()}",
            $"--orleansGatewayPort={FreePorts.Next()}",
            $"--dataDir={Path.Combine(Directory, Guid.NewGuid().ToString("N"))}",
        ]);
        await app.StartAsync();
        _apps.Add(app);
        return app;
    }
}

public sealed class SeparateOperatorsTests(SeparateOperatorsFixture operators) : IClassFixture<SeparateOperatorsFixture>
{
    [Fact]
    public async Task Stream_continues_on_another_orchestrator_when_its_orchestrator_dies_and_none_goes_above_max_price()
    {
        await AssertPushedAsync("failover", 0);
        var before = await ServedAsync();
        await AssertPushedAsync("failover", 1);
        var after = await ServedAsync();
        // The orchestrator that took the last segment is the stream's current session: it dies.
        var current = after[0] > before[0] ? 0 : 1;
        var other = 1 - current;

        await operators.StopAsync(operators.Orchestrators[current].App);
        for (var seq = 2; seq < 5; seq++)
            await AssertPushedAsync("failover", seq);

        Assert.Equal(after[other] + 3, (await operators.StatsAsync(other)).SegmentsTranscoded);
        Assert.Equal(0, (await operators.StatsAsync(2)).SegmentsTranscoded + (await operators.StatsAsync(2)).TicketsReceived);
    }

    private async Task<long[]> ServedAsync() =>
        [(await operators.StatsAsync(0)).SegmentsTranscoded, (await operators.StatsAsync(1)).SegmentsTranscoded];

    private async Task AssertPushedAsync(string manifestId, long seq)
    {
        var (status, body) = await operators.PushAsync(manifestId, seq);
        Assert.True(status == 200, $"segment {seq}: {status} {body}");
    }
}
