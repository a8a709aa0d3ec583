namespace Livepeer.Integration.Tests.AI;

/// <summary>The AI gateway tests share one node and its test runners.</summary>
[CollectionDefinition(Name)]
public sealed class AINodeCollection : ICollectionFixture<AINodeFixture>
{
    public const string Name = "AI node";
}
