using Orleans.TestingHost;

namespace Livepeer.Storage;

/// <summary>Owns the state directory that successive clusters in a test share; deletes it at the end.</summary>
public sealed class FileStorageClusterFixture : IDisposable
{
    private readonly TempDirectory _root = new();

    public string RootDirectory => _root.Path;

    /// <summary>A fresh one-silo cluster whose default grain storage is files under <see cref="RootDirectory"/>.</summary>
    public async Task<InProcessTestCluster> StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        var root = RootDirectory;
        builder.ConfigureSilo((_, silo) => silo.AddFileGrainStorageAsDefault(o => o.RootDirectory = root));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public void Dispose() => _root.Dispose();
}

/// <summary>
/// The point of the provider: state written by one cluster is there when a new cluster starts on the same
/// directory, as after a restart of the embedded node.
/// </summary>
public sealed class FileGrainStorageClusterTests(FileStorageClusterFixture fixture) : IClassFixture<FileStorageClusterFixture>
{
    [Fact]
    public async Task State_survives_stopping_the_cluster_and_starting_a_new_one()
    {
        const string Key = "0xB0b/ledger:1"; // '/' and ':' as real Livepeer keys (address/kind:n) have

        await using (var first = await fixture.StartClusterAsync())
        {
            var grain = first.Client.GetGrain<IStorageProbeGrain>(Key);
            await grain.Deposit(100, "ticket-1");
            await grain.Deposit(25, "ticket-2");
            await first.StopAllSilosAsync();
        }

        Assert.Single(Directory.GetFiles(fixture.RootDirectory, "*.state", SearchOption.AllDirectories));

        await using (var second = await fixture.StartClusterAsync())
        {
            var grain = second.Client.GetGrain<IStorageProbeGrain>(Key);
            var restored = await grain.Get();
            Assert.True(restored.RecordExists);
            Assert.Equal("2", restored.ETag);
            Assert.Equal(125, restored.Deposit);
            Assert.Equal(["ticket-1", "ticket-2"], restored.Queue);

            await grain.Clear();
            await second.StopAllSilosAsync();
        }

        Assert.Empty(Directory.GetFiles(fixture.RootDirectory, "*.state", SearchOption.AllDirectories));

        await using (var third = await fixture.StartClusterAsync())
        {
            var cleared = await third.Client.GetGrain<IStorageProbeGrain>(Key).Get();
            Assert.False(cleared.RecordExists);
            Assert.Null(cleared.ETag);
            Assert.Equal(0, cleared.Deposit);
            Assert.Empty(cleared.Queue);
        }
    }
}
