using Microsoft.Extensions.DependencyInjection;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Livepeer.Transcoding;

/// <summary>
/// Places a grain on a silo that advertises a GPU (<see cref="GpuSiloMetadata"/>) whenever the cluster has one, and on
/// any compatible silo otherwise, where it runs the CPU engine. Orleans' own metadata filters match the calling silo's
/// values, which is not this rule, hence a filter of our own.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class PreferGpuSilosAttribute() : PlacementFilterAttribute(new PreferGpuSilosFilterStrategy());

/// <summary>The strategy behind <see cref="PreferGpuSilosAttribute"/>; it carries no parameters.</summary>
public sealed class PreferGpuSilosFilterStrategy() : PlacementFilterStrategy(order: 0);

/// <summary>Applies <see cref="PreferGpuSilosFilterStrategy"/> with the silo metadata the cluster shares.</summary>
public sealed class PreferGpuSilosFilterDirector(ISiloMetadataCache metadata) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var candidates = silos.ToList();
        var withGpu = candidates.Where(s => GpuSiloMetadata.GpuCount(metadata.GetSiloMetadata(s).Metadata) > 0).ToList();
        return withGpu.Count > 0 ? withGpu : candidates;
    }
}

/// <summary>Transcode sessions the cluster can run at once, for the orchestrator's worker slots.</summary>
public interface ITranscodeCapacity
{
    /// <summary>Σ GPUs × sessions per GPU over the active GPU silos; null in a cluster without GPUs.</summary>
    int? GpuSessions();
}

/// <summary>Reads <see cref="GpuSiloMetadata"/> of every active silo.</summary>
public sealed class ClusterTranscodeCapacity(IClusterMembershipService membership, ISiloMetadataCache metadata) : ITranscodeCapacity
{
    public int? GpuSessions()
    {
        var sessions = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Sum(m => GpuSiloMetadata.Sessions(metadata.GetSiloMetadata(m.SiloAddress).Metadata));
        return sessions > 0 ? sessions : null;
    }
}

/// <summary>Silo set-up of GPU placement: publish this silo's GPUs, register the filter and the capacity reader.</summary>
public static class GpuPlacementSiloBuilderExtensions
{
    /// <param name="gpus">This silo's GPUs: <see cref="Livepeer.Cuda.Devices.CudaDevices.Describe"/> in production.</param>
    public static ISiloBuilder AddGpuPlacement(this ISiloBuilder silo, IReadOnlyList<Livepeer.Cuda.Devices.GpuDeviceInfo> gpus, int maxSessionsPerGpu)
    {
        silo.UseSiloMetadata(GpuSiloMetadata.For(gpus, maxSessionsPerGpu));
        return silo.AddGpuPlacementServices();
    }

    /// <summary>The filter and the capacity reader, for a silo that publishes its GPU metadata with other metadata.</summary>
    public static ISiloBuilder AddGpuPlacementServices(this ISiloBuilder silo)
    {
        silo.Services.AddPlacementFilter<PreferGpuSilosFilterStrategy, PreferGpuSilosFilterDirector>(ServiceLifetime.Singleton);
        silo.Services.AddSingleton<ITranscodeCapacity, ClusterTranscodeCapacity>();
        return silo;
    }
}
