using Orleans.Placement;

namespace Livepeer.Node;

/// <summary>Activates a grain only on silos with one of <see cref="Roles"/> (see <see cref="SiloRoles"/>).</summary>
public abstract class SiloRolePlacement(params string[] roles) : PlacementStrategy
{
    public IReadOnlyList<string> Roles { get; } = roles;
}

/// <summary>Broadcast sessions and the ticket sender: on gateway silos.</summary>
[GenerateSerializer, Immutable]
public sealed class GatewayPlacement() : SiloRolePlacement(SiloRoles.Gateway);

/// <summary>The orchestrator, its winning-ticket queue and rounds: on orchestrator silos.</summary>
[GenerateSerializer, Immutable]
public sealed class OrchestratorPlacement() : SiloRolePlacement(SiloRoles.Orchestrator);

/// <summary>Transcode workers: on GPU or CPU worker silos.</summary>
[GenerateSerializer, Immutable]
public sealed class WorkerPlacement() : SiloRolePlacement(SiloRoles.GpuWorker, SiloRoles.CpuWorker);

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class GatewayPlacementAttribute() : PlacementAttribute(new GatewayPlacement());

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class OrchestratorPlacementAttribute() : PlacementAttribute(new OrchestratorPlacement());

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class WorkerPlacementAttribute() : PlacementAttribute(new WorkerPlacement());
