using Orleans.Metadata;
using Orleans.Placement;

namespace Livepeer.Node;

/// <summary>
/// Places a grain only on silos that advertise one of <paramref name="roles"/> in their metadata (see
/// <see cref="SiloRoles"/>), so that, for example, transcode workers never activate on a gateway-only silo.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloRolePlacementFilterAttribute(params string[] roles)
    : PlacementFilterAttribute(new SiloRolePlacementFilterStrategy(roles));

/// <summary>The roles of <see cref="SiloRolePlacementFilterAttribute"/>, carried in the grain type's properties.</summary>
public sealed class SiloRolePlacementFilterStrategy(string[] roles) : PlacementFilterStrategy(order: 0)
{
    private const string RolesProperty = "roles";

    /// <summary>Used by the runtime, which then reads the roles from the grain type's properties.</summary>
    public SiloRolePlacementFilterStrategy() : this([])
    {
    }

    public IReadOnlyList<string> Roles { get; private set; } = roles;

    public override void AdditionalInitialize(GrainProperties properties) =>
        Roles = (GetPlacementFilterGrainProperty(RolesProperty, properties) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);

    protected override IEnumerable<KeyValuePair<string, string>> GetAdditionalGrainProperties(
        IServiceProvider services, Type grainClass, GrainType grainType, IReadOnlyDictionary<string, string> existingProperties)
    {
        yield return new(RolesProperty, string.Join(',', Roles));
    }
}
