namespace Livepeer.Orchestrator;

/// <summary>Where the gateway finds orchestrators; the embedded node knows exactly one, its own.</summary>
public interface IOrchestratorDirectory
{
    /// <summary>Key of the orchestrator grain that should take the next segment.</summary>
    string Select();
}

/// <summary>The embedded node's directory: the node's own orchestrator.</summary>
public sealed class LocalOrchestratorDirectory(string orchestratorId) : IOrchestratorDirectory
{
    public string Select() => orchestratorId;
}
