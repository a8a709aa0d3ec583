using Livepeer.Crypto;

namespace Livepeer.Integration.Tests.Chain;

public sealed class LivepeerArtifactsTests
{
    [Theory]
    [InlineData("Controller")]
    [InlineData("ManagerProxy")]
    [InlineData("BondingManager")]
    [InlineData("SortedDoublyLL")]
    [InlineData("TicketBroker")]
    [InlineData("RoundsManager")]
    [InlineData("Minter")]
    [InlineData("ServiceRegistry")]
    [InlineData("LivepeerToken")]
    public void Loads_each_protocol_contract_by_name(string name)
    {
        var artifact = LivepeerArtifacts.Sdk.Get(name);

        Assert.Equal(name, artifact.ContractName);
        Assert.StartsWith("contracts/", artifact.SourceName, StringComparison.Ordinal);
        Assert.StartsWith("[", artifact.AbiJson, StringComparison.Ordinal);
        Assert.NotEmpty(artifact.DeployedBytecodeHex);
        Assert.Equal(name != "BondingManager", artifact.IsLinked);
    }

    [Fact]
    public void BondingManager_links_SortedDoublyLL_at_every_placeholder()
    {
        var unlinked = LivepeerArtifacts.Sdk.Get("BondingManager");
        var library = EthAddress.Parse("0x1111111111111111111111111111111111111111");

        var linked = unlinked.Link("SortedDoublyLL", library);

        Assert.All(unlinked.LinkReferences, r => Assert.Equal("contracts/libraries/SortedDoublyLL.sol:SortedDoublyLL", r.FullyQualifiedName));
        Assert.Equal(17, unlinked.LinkReferences.Count);
        Assert.All(linked.LinkReferences, r => Assert.Equal(library.ToArray(), linked.Bytecode[r.Start..(r.Start + r.Length)]));
        Assert.Equal(unlinked.BytecodeHex.Length, linked.BytecodeHex.Length);
        Assert.Throws<ArgumentException>(() => unlinked.Link("MathUtils", library));
        Assert.Throws<InvalidOperationException>(() => linked.Link("SortedDoublyLL", library)); // already linked
    }

    [Fact]
    public void An_ambiguous_or_unknown_name_is_refused_with_the_candidates()
    {
        Assert.Contains("MathUtils.sol", Assert.Throws<InvalidOperationException>(() => LivepeerArtifacts.Sdk.Get("MathUtils")).Message, StringComparison.Ordinal);
        Assert.Throws<KeyNotFoundException>(() => LivepeerArtifacts.Sdk.Get("NoSuchContract"));
    }
}
