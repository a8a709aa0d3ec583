using System.Net;
using Livepeer.Integration.Tests.Media;
using Livepeer.Node;
using Livepeer.Protocol;
using Livepeer.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Integration.Tests.Node;

/// <summary>The embedded ledger and the ticket sender keep their state when the node is stopped and started again.</summary>
public sealed class NodeRestartTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "livepeer-restart-tests", Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.FromResult(Directory.CreateDirectory(_directory));

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Keys_deposit_and_payments_survive_a_restart()
    {
        var segment = await Ffmpeg.GenerateSegmentAsync(_directory, 640, 360);

        var (gateway, orchestrator, fundedDeposit) = await RunNodeAsync(async (app, http) =>
        {
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/live/restart/0.ts", new ByteArrayContent(segment))).StatusCode);
            var keys = app.Services.GetRequiredService<NodeKeys>();
            var info = await app.Services.GetRequiredService<ILedger>().GetSenderInfoAsync(keys.Gateway.Address);
            return (keys.Gateway.Address, keys.Orchestrator.Address, info.Deposit);
        });

        await RunNodeAsync(async (app, http) =>
        {
            var keys = app.Services.GetRequiredService<NodeKeys>();
            Assert.Equal(gateway, keys.Gateway.Address);
            Assert.Equal(orchestrator, keys.Orchestrator.Address);
            var info = await app.Services.GetRequiredService<ILedger>().GetSenderInfoAsync(gateway);
            Assert.Equal(fundedDeposit, info.Deposit);
            // The orchestrator's new secret invalidates the old params; the gateway fetches fresh ones and pays again.
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/live/restart/1.ts", new ByteArrayContent(segment))).StatusCode);
            return 0;
        });
    }

    private async Task<T> RunNodeAsync<T>(Func<WebApplication, HttpClient, Task<T>> test)
    {
        var httpPort = FreePorts.Next();
        await using var app = NodeHost.Build(
        [
            $"--httpAddr=127.0.0.1:{httpPort}", $"--serviceAddr=127.0.0.1:{FreePorts.Next()}",
            $"--siloPort={FreePorts.Next()}", $"--orleansGatewayPort={FreePorts.Next()}",
            $"--dataDir={Path.Combine(_directory, "data")}",
        ]);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromMinutes(2) };
        try
        {
            return await test(app, http);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
