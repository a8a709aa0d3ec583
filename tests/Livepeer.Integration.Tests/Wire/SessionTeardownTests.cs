using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Integration.Tests.Wire;

/// <summary>A gateway operator and one orchestrator operator that takes a single session at a time.</summary>
public sealed class SingleSessionOperatorsFixture : IAsyncLifetime
{
    public SeparateOperatorsFixture Nodes { get; } = new() { OrchestratorArguments = ["--maxSessions=1"] };

    public async Task InitializeAsync()
    {
        await Nodes.InitializeOrchestratorsAsync(1);
        await Nodes.StartGatewayAsync($"https://127.0.0.1:{Nodes.Orchestrators[0].Port}");
    }

    public Task DisposeAsync() => Nodes.DisposeAsync();
}

/// <summary>
/// When a stream goes, the gateway ends its orchestrator sessions with <c>EndTranscodingSession</c>, as go-livepeer's
/// stream cleanup does, and the orchestrator frees the slot at once rather than after its 70 s idle timeout.
/// </summary>
public sealed class SessionTeardownTests(SingleSessionOperatorsFixture operators) : IClassFixture<SingleSessionOperatorsFixture>
{
    [Fact]
    public async Task An_ended_streams_session_frees_the_orchestrators_only_slot_for_the_next_stream()
    {
        var nodes = operators.Nodes;
        var (status, body) = await nodes.PushAsync("first", 0);
        Assert.True(status == 200, $"first stream: {status} {body}");

        // The first stream holds the orchestrator's only session: a second stream finds it capped.
        (status, body) = await nodes.PushAsync("second", 0);
        Assert.True(status == 503 && body.Contains("No sessions available", StringComparison.Ordinal), $"second stream while the first holds the slot: {status} {body}");

        // The first stream ends: the gateway collects its idle stream grains, as it does for a stream gone quiet.
        var management = nodes.Gateway.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);

        // The teardown runs as the grain deactivates; the collection call may return before it reached the orchestrator.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            (status, body) = await nodes.PushAsync("second", 1);
            if (status != 503 || deadline.IsCancellationRequested)
                break;
            await Task.Delay(100, CancellationToken.None);
        }
        Assert.True(status == 200, $"second stream after the first ended (waited up to 20 s): {status} {body}");
        Assert.Equal(2, (await nodes.StatsAsync(0)).SegmentsTranscoded);
    }
}
