using Livepeer.Ethereum;

namespace Livepeer.Integration.Tests.Chain;

/// <summary>
/// One anvil chain with the whole protocol deployed on it (shared spec: protocol-contracts.md §16.6), shared by the
/// tests of a class. Accounts[0] owns the Controller; every dev account holds test LPT.
/// </summary>
public sealed class LivepeerProtocolFixture : IAsyncLifetime
{
    private readonly AnvilFixture anvil = new();

    public AnvilFixture Chain => anvil;

    public JsonRpcClient Rpc => anvil.Rpc;

    public LivepeerProtocolDeployment Protocol { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await anvil.InitializeAsync();
        Protocol = await LivepeerProtocolDeployment.DeployAsync(anvil.Rpc, anvil.Accounts[0], anvil.Accounts);
    }

    public Task DisposeAsync() => anvil.DisposeAsync();
}
