using Livepeer.AI;
using Livepeer.Cuda.Devices;
using Livepeer.Node;
using Livepeer.Protocol;
using Livepeer.Storage;
using Livepeer.Transcoding;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Livepeer.Silo.Hosting;

internal static class SiloBuilderExtensions
{
    /// <summary>
    /// The embedded default: localhost clustering, in-process streams and reminders, and grain state on local disk
    /// so that the ledger and ticket state survive a restart with no database server.
    /// </summary>
    public static ISiloBuilder AddEmbeddedNode(this ISiloBuilder silo, NodeOptions node)
    {
        silo.UseLocalhostClustering(node.SiloPort, node.OrleansGatewayPort);
        // A grain call that waits for a transcode must outlive the orchestrator's own transcode deadline, so the
        // client sees the orchestrator's precise error rather than a generic Orleans timeout.
        // The same for an AI job, which may be tried on several runners.
        var longestCall = TimeSpan.FromTicks(Math.Max(node.TranscodeTimeout.Ticks, node.AIRunnerTimeout.Ticks * AIPipelineGrain.MaxAttempts));
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = longestCall + TimeSpan.FromSeconds(30));
        silo.AddFileGrainStorageAsDefault(o => o.RootDirectory = Path.Combine(node.DataDirectory, "grains"));
        silo.AddMemoryGrainStorage("PubSubStore");
        silo.UseInMemoryReminderService();
        // The block reminder fires every 12 s (one L1 block); Orleans warns below one minute but honours it.
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = EmbeddedChainClock.L1BlockTime);
        silo.AddMemoryStreams(TranscodeStreams.Provider, streams =>
        {
            // Each queue is polled on its own timer: 4 queues at 25 ms cost an idle node a few % of one core
            // and add at most 25 ms to a segment (the default 100 ms would add up to 100 ms).
            streams.ConfigurePartitioning(4);
            streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(25)));
        });
        // Transcode workers go to silos that advertise a GPU (read from the CUDA devices now), at most MaxSessionsPerGpu per GPU.
        silo.AddGpuPlacement(CudaDevices.Describe(), node.MaxSessionsPerGpu);
        silo.AddDashboard();
        return silo;
    }
}
