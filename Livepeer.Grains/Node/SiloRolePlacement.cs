using Orleans.Placement;

namespace Livepeer.Node;

/// <summary>Activates a grain only on silos with one of <see cref="Roles"/> (see <see cref="SiloRoles"/>).</summary>
public abstract class SiloRolePlacement(params string[] roles) : PlacementStrategy
{
    public IReadOnlyList<string> Roles { get; } = roles;

    /// <summary>When true, a silo of an earlier role is chosen whenever the cluster has one.</summary>
    public virtual bool InRoleOrder => false;
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

/// <summary>
/// The embedded ledger, which stands in for the chain every silo pays and redeems on: on an orchestrator silo when the
/// cluster has one (a fleet loses gateways and workers, and with them a ledger placed there until the silo is declared
/// dead), else on a gateway silo (a gateway-only node).
/// </summary>
[GenerateSerializer, Immutable]
public sealed class LedgerPlacement() : SiloRolePlacement(SiloRoles.Orchestrator, SiloRoles.Gateway)
{
    public override bool InRoleOrder => true;
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class LedgerPlacementAttribute() : PlacementAttribute(new LedgerPlacement());

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class GatewayPlacementAttribute() : PlacementAttribute(new GatewayPlacement());

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class OrchestratorPlacementAttribute() : PlacementAttribute(new OrchestratorPlacement());

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class WorkerPlacementAttribute() : PlacementAttribute(new WorkerPlacement());
