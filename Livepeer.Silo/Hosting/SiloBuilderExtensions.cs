using System.Net;
using Livepeer.AI;
using Livepeer.Cuda.Devices;
using Livepeer.Node;
using Livepeer.Protocol;
using Livepeer.Storage;
using Livepeer.Transcoding;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Persistence;
using Orleans.Providers;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace Livepeer.Silo.Hosting;

internal static class SiloBuilderExtensions
{
    /// <summary>The storage provider of stream pub/sub state.</summary>
    private const string PubSubStore = "PubSubStore";

    /// <summary>The embedded default or a Redis fleet, as <see cref="NodeOptions.Cluster"/> says, with the silo's roles.</summary>
    public static ISiloBuilder AddNode(this ISiloBuilder silo, NodeOptions node, IReadOnlySet<string> roles)
    {
        switch (node.Cluster)
        {
            case ClusterModes.Embedded:
                silo.AddEmbeddedNode(node);
                break;
            case ClusterModes.Redis:
                silo.AddRedisFleetNode(node);
                break;
            default:
                throw new InvalidOperationException(
                    $"Node:Cluster '{node.Cluster}' is not one of {ClusterModes.Embedded}, {ClusterModes.Redis}");
        }
        // Transcode workers prefer silos that advertise a GPU (read from the CUDA devices now), MaxSessionsPerGpu each.
        return silo.AddSiloRoles(roles, GpuSiloMetadata.For(CudaDevices.Describe(), node.MaxSessionsPerGpu)).AddGpuPlacementServices();
    }

    /// <summary>
    /// The embedded default: localhost clustering, in-process streams and reminders, and grain state on local disk
    /// so that the ledger and ticket state survive a restart with no database server.
    /// </summary>
    public static ISiloBuilder AddEmbeddedNode(this ISiloBuilder silo, NodeOptions node)
    {
        silo.UseLocalhostClustering(node.SiloPort, node.OrleansGatewayPort);
        silo.AddNodeMessaging(node);
        silo.AddFileGrainStorageAsDefault(o => o.RootDirectory = Path.Combine(node.DataDirectory, "grains"));
        silo.AddMemoryGrainStorage(PubSubStore);
        silo.UseInMemoryReminderService();
        silo.AddNodeReminderPeriod(node);
        silo.AddSegmentStreams();
        silo.AddDashboard();
        return silo;
    }

    /// <summary>
    /// A silo of a fleet: membership, grain state and reminders in Redis, so any silo can die and its grains come back
    /// elsewhere with their state. Membership probes are tuned so a dead host is declared dead in a few seconds.
    /// </summary>
    public static ISiloBuilder AddRedisFleetNode(this ISiloBuilder silo, NodeOptions node)
    {
        if (string.IsNullOrWhiteSpace(node.Redis))
            throw new InvalidOperationException("Node:Redis (a Redis configuration string such as redis:6379) is required with Node:Cluster=redis");
        var redis = ConfigurationOptions.Parse(node.Redis);
        // Keep retrying while Redis restarts instead of failing the silo at its first refused connection.
        redis.AbortOnConnectFail = false;

        if (node.Kubernetes)
        {
            // Pod IP, name and cluster ids come from the pod's environment (deploy/kubernetes), and pods that are gone
            // are declared dead at once.
            silo.UseKubernetesHosting();
        }
        else
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = node.ClusterId;
                o.ServiceId = node.ServiceId;
            });
            var advertised = string.IsNullOrEmpty(node.AdvertisedIPAddress) ? IPAddress.Loopback : IPAddress.Parse(node.AdvertisedIPAddress);
            silo.ConfigureEndpoints(advertised, node.SiloPort, node.OrleansGatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
        }
        silo.UseRedisClustering(o => o.ConfigurationOptions = redis.Clone());
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            // Measured (shared spec: stack-notes §2): a killed silo's grains are unreachable for ≈10 s with the defaults
            // and ≈1 s with these. A probe is sent every second; two missed ones from two silos declare a silo dead.
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
        });
        silo.AddNodeMessaging(node);
        silo.AddRedisGrainStorageAsDefault(o => o.ConfigurationOptions = redis.Clone());
        silo.AddRedisGrainStorage(PubSubStore, o => o.ConfigurationOptions = redis.Clone());
        foreach (var provider in new[] { ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, PubSubStore })
        {
            // Orleans' binary serializer, as FileGrainStorage uses: the default JSON one cannot build our state types
            // (Hash32, EthAddress, BigInteger fields) that only have generated Orleans codecs.
            silo.Services.AddOptions<RedisStorageOptions>(provider)
                .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        }
        silo.UseRedisReminderService(o => o.ConfigurationOptions = redis.Clone());
        silo.AddNodeReminderPeriod(node);
        silo.AddSegmentStreams();
        silo.AddDashboard();
        return silo;
    }

    private static void AddNodeMessaging(this ISiloBuilder silo, NodeOptions node) =>
        // A grain call that waits for a transcode must outlive the orchestrator's own transcode deadline, so the
        // client sees the orchestrator's precise error rather than a generic Orleans timeout.
        // The same for an AI job, which may be tried on several runners.
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout =
            TimeSpan.FromTicks(Math.Max(node.TranscodeTimeout.Ticks, node.AIRunnerTimeout.Ticks * AIPipelineGrain.MaxAttempts)) + TimeSpan.FromSeconds(30));

    private static void AddNodeReminderPeriod(this ISiloBuilder silo, NodeOptions node) =>
        // The block reminder fires every L1 block (12 s, or the embedded ledger's shorter development block time);
        // Orleans warns below one minute but honours it.
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod =
            node.EmbeddedBlockTime < EmbeddedChainClock.DefaultBlockTime ? node.EmbeddedBlockTime : EmbeddedChainClock.DefaultBlockTime);

    /// <summary>
    /// Segments reach the workers over memory streams. Their queues are grains, so they span every silo of a cluster;
    /// they are not durable, and need not be: the orchestrator holds each job until its outcome arrives and sends it
    /// again when the worker that had it is gone (OrchestratorGrain's worker probe), so a lost queue costs a retry.
    /// </summary>
    private static void AddSegmentStreams(this ISiloBuilder silo) =>
        silo.AddMemoryStreams(TranscodeStreams.Provider, streams =>
        {
            // Each queue is polled on its own timer: 4 queues at 25 ms cost an idle node a few % of one core
            // and add at most 25 ms to a segment (the default 100 ms would add up to 100 ms).
            streams.ConfigurePartitioning(4);
            streams.ConfigurePullingAgent(agent => agent.Configure(o =>
            {
                o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(25);
                // A job whose worker activation died is retried on its stream for this long before the agent moves on;
                // the default minute would hold every later job of that worker behind it. The orchestrator resends lost jobs.
                o.MaxEventDeliveryTime = TimeSpan.FromSeconds(5);
            }));
        });
}
