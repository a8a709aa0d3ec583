namespace Livepeer.Node;

/// <summary>
/// What a silo of a fleet does, from <see cref="NodeOptions.Roles"/>. Each role is published as silo metadata
/// (<c>livepeer.role.{role}=true</c>) so that placement filters keep grains on the silos that may host them.
/// </summary>
public static class SiloRoles
{
    /// <summary>Takes segments over HTTP and pays for them: broadcast sessions and the ticket sender.</summary>
    public const string Gateway = "gateway";

    /// <summary>Sells transcoding: the orchestrator service, ticket validation, the winning-ticket queue and rounds.</summary>
    public const string Orchestrator = "orchestrator";

    /// <summary>Transcodes on a GPU host.</summary>
    public const string GpuWorker = "gpu-worker";

    /// <summary>Transcodes on the CPU.</summary>
    public const string CpuWorker = "cpu-worker";

    public const string MetadataPrefix = "livepeer.role.";

    public static IReadOnlyList<string> All { get; } = [Gateway, Orchestrator, GpuWorker, CpuWorker];

    public static string MetadataKey(string role) => MetadataPrefix + role;

    /// <summary>Parses a comma-separated role list; empty means every role (the embedded node).</summary>
    public static IReadOnlySet<string> Parse(string roles)
    {
        var parsed = roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToLowerInvariant())
            .ToHashSet();
        if (parsed.Count == 0)
            return All.ToHashSet();
        var unknown = parsed.Except(All).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException(
                $"Node:Roles has unknown role(s) {string.Join(", ", unknown)}; known: {string.Join(", ", All)}");
        return parsed;
    }

    /// <summary>The silo metadata that advertises <paramref name="roles"/>.</summary>
    public static Dictionary<string, string> Metadata(IEnumerable<string> roles) =>
        roles.ToDictionary(MetadataKey, _ => "true");

    /// <summary>
    /// The silo name that carries <paramref name="roles"/> (<c>gateway+orchestrator@name</c>), so that the roles travel
    /// in the membership table with the silo.
    /// </summary>
    public static string SiloName(IEnumerable<string> roles, string name) => $"{string.Join('+', roles.Order())}@{name}";

    /// <summary>The roles in a silo name made by <see cref="SiloName"/>; none for any other name.</summary>
    public static IReadOnlySet<string> FromSiloName(string? siloName) =>
        siloName?.IndexOf('@') is > 0 and var at
            ? siloName[..at].Split('+').Where(All.Contains).ToHashSet()
            : new HashSet<string>();
}
