using Livepeer.Cuda.Scaling;
using Livepeer.Node;
using Livepeer.Orchestrator;
using Livepeer.Transcoding;

namespace Livepeer.Silo.Hosting;

internal static class ServiceCollectionExtensions
{
    public static IServiceCollection AddNodeServices(this IServiceCollection services, NodeOptions node)
    {
        services.AddSingleton<IFrameScaler>(_ => FrameScalers.CreateBest());
        services.AddSingleton<ISegmentTranscoder, FrameTranscoder>();
        services.AddSingleton<TranscodingLadder>();
        services.AddSingleton<IOrchestratorDirectory>(new LocalOrchestratorDirectory("local"));
        return services;
    }
}
