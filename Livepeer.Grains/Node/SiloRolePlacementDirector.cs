using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Livepeer.Node;

/// <summary>
/// Places a grain on a silo with one of the roles its <see cref="SiloRolePlacement"/> names: this silo when it
/// qualifies (no hop), otherwise one at random; with <see cref="SiloRolePlacement.InRoleOrder"/>, only among the silos of
/// the first of its roles that any silo has. Roles are read from the silo's name in the membership snapshot
/// (<see cref="SiloRoles.SiloName"/>), which arrives with the silo itself; the silo metadata cache fills in only later.
/// With no qualifying silo the activation fails and the caller retries.
/// </summary>
internal sealed class SiloRolePlacementDirector(IClusterMembershipService membership) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var placement = (SiloRolePlacement)strategy;
        var roles = placement.Roles;
        var members = membership.CurrentSnapshot.Members;
        var candidates = context.GetCompatibleSilos(target)
            .Select(silo => (Silo: silo, Roles: members.TryGetValue(silo, out var member) ? SiloRoles.FromSiloName(member.Name) : new HashSet<string>()))
            .Where(c => c.Roles.Overlaps(roles))
            .ToList();
        var qualified = (placement.InRoleOrder
                ? roles.Select(role => candidates.Where(c => c.Roles.Contains(role)).ToList()).FirstOrDefault(group => group.Count > 0) ?? []
                : candidates)
            .Select(c => c.Silo)
            .ToList();
        if (qualified.Count == 0)
            throw new OrleansException($"no active silo has role {string.Join(" or ", roles)} for {target.GrainIdentity}");
        return Task.FromResult(qualified.Contains(context.LocalSilo) ? context.LocalSilo : qualified[Random.Shared.Next(qualified.Count)]);
    }
}

public static class SiloRolesSiloBuilderExtensions
{
    /// <summary>
    /// Advertises <paramref name="roles"/> in this silo's name and metadata (<c>livepeer.role.*</c>), and places role
    /// grains (<see cref="GatewayPlacementAttribute"/> and its siblings) by role.
    /// </summary>
    /// <param name="metadata">More metadata this silo publishes with its roles (e.g. its GPUs).</param>
    public static ISiloBuilder AddSiloRoles(this ISiloBuilder silo, IEnumerable<string> roles, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var list = roles.ToList();
        // After every other configuration (a test cluster names its silos too), so the roles stay in the name.
        silo.Services.PostConfigure<SiloOptions>(o => o.SiloName = SiloRoles.SiloName(list, string.IsNullOrEmpty(o.SiloName) ? $"{Environment.MachineName}-{Environment.ProcessId}" : o.SiloName));
        var all = SiloRoles.Metadata(list);
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
            all[key] = value;
        silo.UseSiloMetadata(all);
        silo.Services.AddPlacementDirector<GatewayPlacement, SiloRolePlacementDirector>();
        silo.Services.AddPlacementDirector<OrchestratorPlacement, SiloRolePlacementDirector>();
        silo.Services.AddPlacementDirector<WorkerPlacement, SiloRolePlacementDirector>();
        silo.Services.AddPlacementDirector<LedgerPlacement, SiloRolePlacementDirector>();
        return silo;
    }
}
