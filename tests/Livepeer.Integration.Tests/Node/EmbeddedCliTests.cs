using Livepeer.Node;
using Livepeer.Protocol;
using Livepeer.Silo.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Integration.Tests.Node;

/// <summary>The operator commands against a running embedded node's ledger, through an Orleans client.</summary>
public sealed class EmbeddedCliTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task Sender_info_and_funding_of_the_embedded_gateway()
    {
        var gateway = node.Services.GetRequiredService<NodeKeys>().Gateway.Address;

        var sender = await CliOkAsync("sender");
        Assert.Contains($"sender: {gateway}", sender, StringComparison.Ordinal);
        Assert.Contains("deposit: 1000000000000000000 (1) wei", sender, StringComparison.Ordinal); // the first-start funding

        var funded = await CliOkAsync("deposit", "0.5ETH");
        Assert.Contains("deposit: 1500000000000000000 (1.5) wei", funded, StringComparison.Ordinal);
        Assert.Equal(1_500_000_000_000_000_000, (long)(await node.Grains.GetGrain<ITicketBrokerGrain>(TicketBrokerGrain.Embedded).GetSenderInfo(gateway)).Deposit);

        var (exitCode, _, error) = await CliAsync("withdraw");
        Assert.Equal(1, exitCode);
        Assert.Contains(TicketBrokerErrors.NoUnlockInProgress, error, StringComparison.Ordinal);
        var (stakeExit, _, stakeError) = await CliAsync("stake");
        Assert.Equal(2, stakeExit);
        Assert.Contains("stake needs the chain", stakeError, StringComparison.Ordinal);
    }

    private async Task<string> CliOkAsync(params string[] command)
    {
        var (exitCode, output, error) = await CliAsync(command);
        Assert.True(exitCode == 0, $"cli {string.Join(' ', command)} exited with {exitCode}: {error}");
        return output;
    }

    private async Task<(int ExitCode, string Output, string Error)> CliAsync(params string[] command)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await NodeCli.RunAsync(
            [.. command, $"--dataDir={Path.Combine(node.Directory, "data")}", $"--orleansGatewayPort={node.OrleansGatewayPort}"], output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
