using System.Diagnostics;
using System.Net.Http.Headers;
using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Ethereum;
using Livepeer.Integration.Tests.Chain;
using Livepeer.Integration.Tests.Media;
using Livepeer.Integration.Tests.Node;
using Livepeer.Orchestrator;
using Livepeer.Protocol.Ethereum;
using Xunit.Abstractions;

namespace Livepeer.Integration.Tests.Wire;

/// <summary>
/// Three orchestrator operators bonded and registered on the real contracts with clearly different stakes, each its
/// own orchestrator-only node (silo, ports, keystore), and a gateway-only node that finds them in the on-chain
/// transcoder pool and pays them from its TicketBroker deposit. The largest one sells MPEG-TS only.
/// </summary>
public sealed class StakeSelectionFixture : IAsyncLifetime
{
    private static readonly BigInteger Lpt = OnChainScenario.Eth;

    /// <summary>One tiny rendition keeps each stream's transcode cheap.</summary>
    private const string TinyLadder = """[{"name":"tiny","width":96,"height":54,"bitrate":100000,"fps":15}]""";

    private readonly List<NodeAccount> _accounts = [];

    public LivepeerProtocolFixture Chain { get; } = new();

    /// <summary>The orchestrators, largest stake first: 9000, 700 and 300 LPT.</summary>
    public List<(EthKey Key, BigInteger Stake, NodeFixture Node)> Orchestrators { get; } = [];

    public NodeFixture Gateway { get; private set; } = null!;

    public byte[] Ts { get; private set; } = [];

    public byte[] Mp4 { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await Chain.InitializeAsync();
        await Chain.StartNextRoundAsync(); // transcoder() reverts in the locked end of a round
        foreach (var (stake, formats) in new[] { (9000, "mpegts"), (700, "mpegts,mp4"), (300, "mpegts,mp4") })
        {
            var key = EthKey.Generate();
            await Chain.Rpc.SetBalanceAsync(key.Address, BigInteger.Pow(10, 20));
            await Chain.Protocol.OwnerSendAsync("LivepeerToken", Chain.Protocol.LivepeerToken, "mint", key.Address, stake * Lpt);
            var account = Account(key);
            var node = new OperatorNode([.. account.Switches, "--orchestrator", "--reward=false", "--maxSessions=500", "--transcodeEngine=ffmpeg", $"--segmentFormats={formats}"]);
            var bonding = Chain.BondingManager(key);
            await Chain.LivepeerToken(key).ApproveAsync(Chain.Protocol.BondingManager, stake * Lpt);
            await bonding.BondAsync(stake * Lpt, key.Address);
            await bonding.TranscoderAsync(OnChainScenario.RewardCut, OnChainScenario.FeeShare);
            await new ServiceRegistryClient(Chain.Protocol.ServiceRegistry, Chain.Caller, Chain.SenderFor(key))
                .SetServiceUriAsync($"https://127.0.0.1:{node.ServicePort}");
            Orchestrators.Add((key, stake * Lpt, node));
        }
        var ether = BigInteger.Pow(10, 18);
        await Chain.TicketBroker(Chain.Broadcaster).FundDepositAndReserveAsync(ether, ether);
        await Chain.StartNextRoundAsync(); // active from the round after they bonded

        var directory = Path.Combine(Path.GetTempPath(), "livepeer-wire-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            Ts = await Ffmpeg.GenerateSegmentAsync(directory, 160, 90, seconds: 0.5);
            var ts = Path.Combine(directory, "testsrc-160x90-0.5.ts");
            var mp4 = Path.Combine(directory, "testsrc-160x90-0.5.mp4");
            await Ffmpeg.RunFfmpegAsync($"-v error -y -i {ts} -c copy -movflags +faststart -f mp4 {mp4}");
            Mp4 = await File.ReadAllBytesAsync(mp4);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        await Task.WhenAll(Orchestrators.Select(o => o.Node.InitializeAsync()));
        Gateway = new OperatorNode([.. Account(Chain.Broadcaster).Switches, "--gateway", $"--transcodingOptions={TinyLadder}"]);
        await Gateway.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var node in Orchestrators.Select(o => o.Node).Append(Gateway).OfType<NodeFixture>())
            await node.DisposeAsync();
        foreach (var account in _accounts)
            account.Dispose();
        await Chain.DisposeAsync();
    }

    /// <summary>Pushes segment 0 of a new stream (a new gateway session, so a new selection).</summary>
    public async Task PushFirstSegmentAsync(string manifestId, bool mp4)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/live/{manifestId}/0.{(mp4 ? "mp4" : "ts")}")
        {
            Content = new ByteArrayContent(mp4 ? Mp4 : Ts),
        };
        request.Headers.Add("Content-Duration", "500");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("multipart/mixed"));
        using var response = await Gateway.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{manifestId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<long[]> TranscodedAsync() =>
        await Task.WhenAll(Orchestrators.Select(async o =>
            (await o.Node.Grains.GetGrain<IOrchestratorGrain>(o.Key.Address.ToString()).GetStats()).SegmentsTranscoded));

    private NodeAccount Account(EthKey key)
    {
        var account = new NodeAccount(Chain, key);
        _accounts.Add(account);
        return account;
    }

    private sealed class OperatorNode(IReadOnlyList<string> arguments) : NodeFixture
    {
        protected override IEnumerable<string> ExtraArguments => arguments;
    }
}

public sealed class StakeSelectionTests(StakeSelectionFixture operators, ITestOutputHelper output) : IClassFixture<StakeSelectionFixture>
{
    /// <summary>Streams pushed at once: enough to keep both cores busy, few enough that discovery answers in time.</summary>
    private const int Concurrency = 4;

    /// <summary>
    /// New streams, each a new gateway session, so each one's first segment is one draw of go-livepeer's selection
    /// (stake weight 0.7, random 0.3, no price weight): with stakes 9000/700/300 LPT the orchestrators win a session
    /// with p = 0.7 × stake share + 0.3 / 3 = 0.73, 0.149 and 0.121.
    /// <para>
    /// Over <see cref="Streams"/> = 60 draws the exact multinomial chance that the 9000-LPT orchestrator does not win
    /// more sessions than each of the others is 3.7e-8, and that the other two win none is 6.3e-9: a false failure is
    /// about one run in 23 million. A strict three-way order is not asserted: at these weights two orchestrators whose
    /// chances differ by 0.2 or less need about 1000 draws before the wrong order is that unlikely (6000/3000/1000
    /// LPT come out of order in 3.5 % of runs at 100 draws), far past this suite's time; the pure
    /// <c>SelectionAlgorithm</c> tests check the exact probabilities.
    /// </para>
    /// </summary>
    [Fact]
    public async Task New_sessions_go_to_orchestrators_by_stake_and_never_to_one_without_the_jobs_capability()
    {
        var started = Stopwatch.GetTimestamp();
        var before = await operators.TranscodedAsync();
        await PushStreamsAsync("stake", Streams, mp4: false);
        var won = (await operators.TranscodedAsync()).Select((n, i) => n - before[i]).ToArray();
        var spread = $"sessions won by stakes 9000/700/300 LPT: {string.Join('/', won)}";
        output.WriteLine($"{spread} ({Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s)");
        // A segment whose result reached the gateway too late is retried on another orchestrator, so on a starved
        // machine the transcodes can exceed the streams by a retry or two; each stream still counts once at least.
        Assert.True(won.Sum() >= Streams, spread);
        Assert.True(won[0] > won[1] && won[0] > won[2], spread);
        Assert.True(won[1] + won[2] > 0, spread);

        // MP4 jobs need the MP4 capability, which the 9000-LPT orchestrator does not sell: were it not filtered out,
        // it would win each of these with p = 0.73, and all 10 would miss it with p = 0.27^10 = 2e-6.
        before = await operators.TranscodedAsync();
        await PushStreamsAsync("mp4", Mp4Streams, mp4: true);
        won = [.. (await operators.TranscodedAsync()).Select((n, i) => n - before[i])];
        output.WriteLine($"MP4 sessions won: {string.Join('/', won)} ({Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s)");
        Assert.True(won[0] == 0 && won[1] + won[2] >= Mp4Streams, $"MP4 sessions won: {string.Join('/', won)}");
    }

    private const int Streams = 60;

    private const int Mp4Streams = 10;

    private async Task PushStreamsAsync(string prefix, int count, bool mp4)
    {
        using var slots = new SemaphoreSlim(Concurrency);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await slots.WaitAsync();
            try
            {
                await operators.PushFirstSegmentAsync($"{prefix}-{i}", mp4);
            }
            finally
            {
                slots.Release();
            }
        }));
    }
}
