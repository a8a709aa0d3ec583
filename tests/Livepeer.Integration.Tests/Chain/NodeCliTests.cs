using System.Numerics;
using Livepeer.Protocol;

namespace Livepeer.Integration.Tests.Chain;

/// <summary>The operator commands against the real contracts on anvil, from an account in a keystore file.</summary>
public sealed class NodeCliTests(LongRoundsProtocolFixture fixture) : IClassFixture<LongRoundsProtocolFixture>
{
    [Fact]
    public async Task An_operator_funds_unlocks_bonds_and_activates_an_orchestrator_and_reads_it_back()
    {
        using var account = new NodeAccount(fixture, fixture.Orchestrator);
        var address = fixture.Orchestrator.Address;
        await fixture.StartNextRoundAsync(); // transcoder() reverts in the locked end of a round

        var round = await account.CliOkAsync("round");
        Assert.Contains($"round: {await fixture.RoundsManager().CurrentRoundAsync()}", round, StringComparison.Ordinal);
        Assert.Contains("initialized: True", round, StringComparison.Ordinal);

        var funded = await account.CliOkAsync("depositAndReserve", "1ETH", "0.5 ETH");
        Assert.Contains("fundDepositAndReserve: transaction 0x", funded, StringComparison.Ordinal);
        Assert.Contains("deposit: 1000000000000000000 (1) wei", funded, StringComparison.Ordinal);
        Assert.Contains("reserve: 500000000000000000 (0.5) wei", funded, StringComparison.Ordinal);
        await account.CliOkAsync("deposit", "1000");
        await account.CliOkAsync("reserve", "2000");
        var info = await fixture.TicketBroker().GetSenderInfoAsync(address);
        Assert.Equal((BigInteger.Pow(10, 18) + 1000, (BigInteger.Pow(10, 18) / 2) + 2000), (info.Deposit, info.Reserve));

        var unlocked = await account.CliOkAsync("unlock");
        var withdrawRound = (await fixture.TicketBroker().GetSenderInfoAsync(address)).WithdrawRound;
        Assert.NotEqual(0, withdrawRound);
        Assert.Contains($"withdraw round: {withdrawRound}", unlocked, StringComparison.Ordinal);
        var early = await account.CliAsync("withdraw");
        Assert.Equal(1, early.ExitCode);
        Assert.Contains(TicketBrokerErrors.AccountLocked, early.Error, StringComparison.Ordinal);
        Assert.Contains("withdraw round: 0", await account.CliOkAsync("cancelUnlock"), StringComparison.Ordinal);

        var activated = await account.CliOkAsync("activate", "10", "50", "https://127.0.0.1:8935", "1000LPT");
        Assert.Contains("registered transcoder: True", activated, StringComparison.Ordinal);
        Assert.Contains("reward cut: 10 %", activated, StringComparison.Ordinal);
        Assert.Contains("fee share: 50 %", activated, StringComparison.Ordinal);
        Assert.Contains("service URI: https://127.0.0.1:8935", activated, StringComparison.Ordinal);
        Assert.True(await fixture.BondingManager().IsRegisteredTranscoderAsync(address));

        await fixture.StartNextRoundAsync();
        var stake = await account.CliOkAsync("stake");
        Assert.Contains("active: True", stake, StringComparison.Ordinal);
        Assert.Contains("pending stake: 1000000000000000000000 (1000) LPT wei", stake, StringComparison.Ordinal);
        Assert.Contains("pending fees: 0 (0) wei", await account.CliOkAsync("fees"), StringComparison.Ordinal);

        var overdrawn = await account.CliAsync("withdrawFees", "1");
        Assert.Equal(1, overdrawn.ExitCode);
        Assert.Contains("insufficient fees to withdraw", overdrawn.Error, StringComparison.Ordinal);
        var withdrawn = await account.CliOkAsync("withdrawFees");
        Assert.Contains("withdrawFees: transaction 0x", withdrawn, StringComparison.Ordinal);
        Assert.Contains($"recipient: {address}", withdrawn, StringComparison.Ordinal);
        Assert.Contains("pending fees: 0 (0) wei", withdrawn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_command_lines_and_a_wrong_password_are_refused_with_the_reason()
    {
        using var account = new NodeAccount(fixture, fixture.Broadcaster);

        var unknown = await account.CliAsync("frobnicate");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown command 'frobnicate'", unknown.Error, StringComparison.Ordinal);
        var badAmount = await account.CliAsync("deposit", "1.5");
        Assert.Equal(2, badAmount.ExitCode);
        Assert.Contains("'1.5' is not an amount", badAmount.Error, StringComparison.Ordinal);
        var missing = await account.CliAsync("depositAndReserve", "1ETH");
        Assert.Contains("depositAndReserve needs <reserve>", missing.Error, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(account.Folder, "password.txt"), "wrong\n");
        var wrong = await account.CliAsync("sender");
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("wrong password", wrong.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(NodeAccount.Password, wrong.Error, StringComparison.Ordinal);
    }
}
