namespace Livepeer.Ethereum;

/// <summary>A function input or output, or an event field.</summary>
/// <param name="Name">The Solidity name; empty when the ABI gives none.</param>
/// <param name="Type">The ABI type.</param>
/// <param name="Indexed">For event fields: carried in a topic rather than in the log data.</param>
public sealed record AbiParameter(string Name, AbiType Type, bool Indexed = false)
{
    public override string ToString() =>
        Type.CanonicalName + (Indexed ? " indexed" : string.Empty) + (Name.Length > 0 ? " " + Name : string.Empty);

    /// <summary>Unnamed parameters of the given types.</summary>
    public static IReadOnlyList<AbiParameter> Unnamed(IEnumerable<AbiType> types) =>
        [.. types.Select(t => new AbiParameter(string.Empty, t))];

    internal static string Signature(string name, IReadOnlyList<AbiParameter> parameters) =>
        name + "(" + string.Join(',', parameters.Select(p => p.Type.CanonicalName)) + ")";
}
