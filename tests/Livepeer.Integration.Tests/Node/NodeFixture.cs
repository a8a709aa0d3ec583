using Livepeer.Integration.Tests.Media;
using Livepeer.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Integration.Tests.Node;

/// <summary>
/// A whole embedded node, started in-process exactly as <c>Livepeer.Silo</c> starts it, on free loopback ports and a
/// private data directory, shared by the tests of a class and stopped by this fixture.
/// </summary>
public class NodeFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "livepeer-node-tests", Guid.NewGuid().ToString("N"));

    public int HttpPort { get; } = FreePorts.Next();

    public int ServicePort { get; } = FreePorts.Next();

    /// <summary>Where Orleans clients (the operator commands) reach the node's silo.</summary>
    public int OrleansGatewayPort { get; } = FreePorts.Next();

    public Uri GatewayUrl => new($"http://127.0.0.1:{HttpPort}");

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };

    public IServiceProvider Services => _app!.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>Settings a derived fixture adds to the node's command line.</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    public virtual async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        _app = NodeHost.Build(
        [
            $"--httpAddr=127.0.0.1:{HttpPort}",
            $"--serviceAddr=127.0.0.1:{ServicePort}",
            $"--siloPort={FreePorts.Next()}",
            $"--orleansGatewayPort={OrleansGatewayPort}",
            $"--dataDir={Path.Combine(Directory, "data")}",
            // The engine is fixed so that the node does not spend its first seconds measuring (TranscodeEnginesTests covers auto).
            "--transcodeEngine=frames",
            .. ExtraArguments,
        ]);
        await _app.StartAsync();
        Http.BaseAddress = GatewayUrl;
    }

    public virtual async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
