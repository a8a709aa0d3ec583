using Livepeer.Cuda.Devices;
using Livepeer.Transcoding;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.TestingHost;

namespace Livepeer.Transcoding.Tests;

/// <summary>Reports the silo it was placed on; placed like the transcode workers.</summary>
public interface IGpuPlacementProbeGrain : IGrainWithStringKey
{
    Task<SiloAddress> Silo();
}

[PreferGpuSilos]
public sealed class GpuPlacementProbeGrain(ILocalSiloDetails silo) : Grain, IGpuPlacementProbeGrain
{
    public Task<SiloAddress> Silo() => Task.FromResult(silo.SiloAddress);
}

/// <summary>
/// Two in-process silos; only the primary is configured (explicitly, for the test) to advertise a GPU in its metadata.
/// The other reads its real CUDA devices: none on this machine.
/// </summary>
public sealed class GpuClusterFixture : IAsyncLifetime
{
    public static readonly GpuDeviceInfo PretendGpu = new(0, "Test GPU (advertised by configuration)", 80L << 30, "9.0");

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The silo that advertises <see cref="PretendGpu"/>: the first one configured.</summary>
    public string GpuSiloName { get; private set; } = "";

    public SiloAddress GpuSilo => Cluster.Silos.Single(s => s.Name == GpuSiloName).SiloAddress;

    public InProcessSiloHandle CpuSilo => Cluster.Silos.Single(s => s.Name != GpuSiloName);

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((options, silo) =>
        {
            if (GpuSiloName.Length == 0)
                GpuSiloName = options.SiloName;
            var gpus = options.SiloName == GpuSiloName ? [PretendGpu] : CudaDevices.Describe();
            silo.AddGpuPlacement(gpus, maxSessionsPerGpu: 3);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

public sealed class GpuPlacementTests(GpuClusterFixture fixture) : IClassFixture<GpuClusterFixture>
{
    [Fact]
    public async Task Workers_are_placed_only_on_the_silo_that_advertises_a_gpu()
    {
        var primary = fixture.GpuSilo;
        Assert.Equal(2, fixture.Cluster.Silos.Count);

        var silos = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            fixture.Cluster.Client.GetGrain<IGpuPlacementProbeGrain>($"worker-{i}").Silo()));

        Assert.All(silos, s => Assert.Equal(primary, s));
        Assert.Contains(typeof(TranscodeWorkerGrain).GetCustomAttributes(inherit: false), a => a is PreferGpuSilosAttribute);
    }

    [Fact]
    public async Task Capacity_is_the_gpu_silos_gpus_times_max_sessions_and_metadata_carries_the_card()
    {
        var services = fixture.CpuSilo.ServiceProvider;
        var metadata = services.GetRequiredService<ISiloMetadataCache>();
        var primary = fixture.GpuSilo;

        // The secondary learns the primary's metadata when the primary joins; wait for it with a deadline.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (GpuSiloMetadata.GpuCount(metadata.GetSiloMetadata(primary).Metadata) == 0)
            await Task.Delay(50, deadline.Token);

        var advertised = metadata.GetSiloMetadata(primary).Metadata;
        Assert.Equal(GpuClusterFixture.PretendGpu.Name, advertised[GpuSiloMetadata.Name]);
        Assert.Equal((80L << 30).ToString(System.Globalization.CultureInfo.InvariantCulture), advertised[GpuSiloMetadata.MemoryBytes]);
        Assert.Equal(3, services.GetRequiredService<ITranscodeCapacity>().GpuSessions());
    }

    [Fact]
    public void Without_gpu_silos_every_candidate_stays_and_metadata_reads_zero()
    {
        var cpuOnly = GpuSiloMetadata.For([], maxSessionsPerGpu: 10);

        Assert.Equal(0, GpuSiloMetadata.GpuCount(cpuOnly));
        Assert.Equal(0, GpuSiloMetadata.Sessions(cpuOnly));
        Assert.Equal(0, GpuSiloMetadata.GpuCount(new Dictionary<string, string>()));
        Assert.Equal(20, GpuSiloMetadata.Sessions(GpuSiloMetadata.For([GpuClusterFixture.PretendGpu, GpuClusterFixture.PretendGpu], 10)));
    }
}
