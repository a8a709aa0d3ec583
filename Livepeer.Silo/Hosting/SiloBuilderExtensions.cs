using Livepeer.Node;
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
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = node.TranscodeTimeout + TimeSpan.FromSeconds(30));
        silo.AddFileGrainStorageAsDefault(o => o.RootDirectory = Path.Combine(node.DataDirectory, "grains"));
        silo.AddMemoryGrainStorage("PubSubStore");
        silo.UseInMemoryReminderService();
        silo.AddMemoryStreams(TranscodeStreams.Provider, streams => streams.ConfigurePullingAgent(agent =>
            // Segments are latency-sensitive; the default 100 ms poll would add up to 100 ms per segment.
            agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(10))));
        silo.AddDashboard();
        return silo;
    }
}
