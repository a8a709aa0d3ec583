namespace Livepeer.Ethereum;

/// <summary>
/// A value that cannot be ABI-encoded as its type: out of range, the wrong .NET type, or the wrong length.
/// <see cref="Path"/> names the value, e.g. <c>tickets[1].faceValue</c>.
/// </summary>
public sealed class AbiEncodingException : ArgumentException
{
    public AbiEncodingException(string reason)
        : this(string.Empty, reason)
    {
    }

    private AbiEncodingException(string path, string reason)
        : base(path.Length == 0 ? reason : $"{path}: {reason}")
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>Where in the arguments the value sits; empty for a top-level problem.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; }

    /// <summary>The same failure one level up, where the value sits at <paramref name="segment"/>: <c>[i]</c> or a name.</summary>
    internal AbiEncodingException Within(string segment) =>
        new(Path.Length == 0 || Path[0] == '[' ? segment + Path : segment + "." + Path, Reason);
}
