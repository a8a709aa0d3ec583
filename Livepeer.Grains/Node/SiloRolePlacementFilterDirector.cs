using Microsoft.Extensions.DependencyInjection;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Livepeer.Node;

/// <summary>Keeps the silos whose metadata advertises one of the roles a grain type asks for.</summary>
internal sealed class SiloRolePlacementFilterDirector(ISiloMetadataCache metadata) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var keys = ((SiloRolePlacementFilterStrategy)filterStrategy).Roles.Select(SiloRoles.MetadataKey).ToList();
        return silos.Where(silo => metadata.GetSiloMetadata(silo).Metadata is var advertised && keys.Any(advertised.ContainsKey));
    }
}

public static class SiloRolesSiloBuilderExtensions
{
    /// <summary>Publishes <paramref name="roles"/> as this silo's metadata and enables <see cref="SiloRolePlacementFilterAttribute"/>.</summary>
    public static ISiloBuilder AddSiloRoles(this ISiloBuilder silo, IEnumerable<string> roles)
    {
        silo.UseSiloMetadata(SiloRoles.Metadata(roles));
        silo.Services.AddPlacementFilter<SiloRolePlacementFilterStrategy, SiloRolePlacementFilterDirector>(ServiceLifetime.Singleton);
        return silo;
    }
}
