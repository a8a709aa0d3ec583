using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Node;
using Livepeer.Payments;
using Livepeer.Protocol;
using Livepeer.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Livepeer.Grains.Tests.Payments;

/// <summary>
/// A one-silo cluster with the services the payment grains need: the node's keys and the embedded chain clock over
/// fake time, with grain state in files under a temp directory so that a restarted cluster finds it again.
/// </summary>
public sealed class PaymentClusterFixture : IAsyncLifetime
{
    private readonly TempDirectory _root = new();
    private InProcessTestCluster? _cluster;

    public PaymentClusterFixture()
    {
        Keys = NodeKeys.LoadOrCreate(_root.Path);
        Clock = new EmbeddedChainClock(Time);
    }

    /// <summary>Drives <see cref="Clock"/>; advanced only by tests that need params to expire.</summary>
    public FakeTimeProvider Time { get; } = new();

    public EmbeddedChainClock Clock { get; }

    public NodeKeys Keys { get; }

    public IClusterClient Client => (_cluster ?? throw new InvalidOperationException("the cluster is not running")).Client;

    public async Task InitializeAsync() => _cluster = await StartClusterAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
            await _cluster.DisposeAsync();
        _root.Dispose();
    }

    /// <summary>The embedded ledger, as the silo's grains see it.</summary>
    public ITicketBrokerGrain Broker => Client.GetGrain<ITicketBrokerGrain>(TicketBrokerGrain.Embedded);

    /// <summary>Stops every silo and starts a new cluster on the same state directory, as a node restart does.</summary>
    public Task RestartAsync() => ReplaceClusterAsync(cluster => cluster.StopAllSilosAsync());

    /// <summary>Kills the silo without a graceful shutdown, as a crash does, and starts a new cluster on the same state.</summary>
    public Task CrashAsync() => ReplaceClusterAsync(cluster => cluster.KillSiloAsync(cluster.Silos[0]));

    private async Task ReplaceClusterAsync(Func<InProcessTestCluster, Task> stop)
    {
        if (_cluster is not null)
        {
            await stop(_cluster);
            await _cluster.DisposeAsync();
            _cluster = null;
        }
        _cluster = await StartClusterAsync();
    }

    /// <summary>A recipient playing O against this node's gateway key, on the same clock as the silo.</summary>
    public Recipient NewRecipient(TicketParamsConfig? config = null, BigInteger? gasPrice = null)
    {
        var senders = new SenderMonitor(transcoderPoolSize: 1);
        senders.Update(Keys.Gateway.Address, new SenderInfo(Deposit: BigInteger.Pow(10, 18), Reserve: BigInteger.Pow(10, 18), WithdrawRound: 0));
        return new Recipient(Keys.Orchestrator.Address, EthKey.Generate().PrivateKeyBytes(), config ?? new TicketParamsConfig(), Clock, senders,
            new FixedGasPrice(gasPrice ?? 100_000_000));
    }

    private async Task<InProcessTestCluster> StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        var root = Path.Combine(_root.Path, "grains");
        var (keys, clock, time) = (Keys, Clock, Time);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddFileGrainStorageAsDefault(o => o.RootDirectory = root);
            silo.AddSiloRoles(SiloRoles.All);
            silo.Services.AddSingleton(keys);
            silo.Services.AddSingleton<ITimeManager>(clock);
            silo.Services.AddSingleton<TimeProvider>(time);
            silo.Services.AddSingleton<EmbeddedLedger>();
            silo.Services.AddSingleton<ILedger>(sp => sp.GetRequiredService<EmbeddedLedger>());
            silo.Services.AddSingleton<ITicketRedeemer>(sp => sp.GetRequiredService<EmbeddedLedger>());
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
