using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Orleans.Runtime;

namespace Livepeer.Storage;

/// <summary>
/// Where one grain state lives on disk, and the identity bytes stored inside the file.
/// Pure path logic, no I/O.
/// </summary>
/// <remarks>
/// Layout: <c>root/provider/stateName/grainType/grainKey.state</c>, where every component is
/// <c>{hash}-{readable}</c>. The readable part keeps [A-Za-z0-9._-] and turns everything else into '_'
/// (grain keys carry '/', ':' and anything else). It is cut at <see cref="MaxReadableLength"/> so long keys stay
/// under file-name limits. Because escaping is lossy, and because macOS/Windows file systems fold case, the
/// leading 64-bit hash of the exact raw bytes is what keeps names distinct; it comes first so no name can be a
/// reserved device name or "." / "..". A collision is still detected, not trusted: the file stores the full
/// identity and a read checks it.
/// </remarks>
internal sealed class StateFileLocation
{
    internal const string FileExtension = ".state";
    internal const string TempExtension = ".tmp";
    internal const int MaxReadableLength = 64;

    private StateFileLocation(string directory, string filePath, byte[] identity)
    {
        Directory = directory;
        FilePath = filePath;
        Identity = identity;
    }

    public string Directory { get; }

    public string FilePath { get; }

    /// <summary>Provider name, state name, grain type and grain key, length-prefixed, exactly as given.</summary>
    public byte[] Identity { get; }

    public static StateFileLocation For(string rootDirectory, string providerName, string stateName, GrainId grainId)
    {
        var provider = Encoding.UTF8.GetBytes(providerName);
        var state = Encoding.UTF8.GetBytes(stateName);
        var type = grainId.Type.AsSpan().ToArray();
        var key = grainId.Key.AsSpan().ToArray();

        var directory = Path.Combine(
            rootDirectory,
            SafeName(provider, providerName),
            SafeName(state, stateName),
            SafeName(type, grainId.Type.ToString()));
        var filePath = Path.Combine(directory, SafeName(key, grainId.Key.ToString()) + FileExtension);

        var identity = new byte[16 + provider.Length + state.Length + type.Length + key.Length];
        var rest = identity.AsSpan();
        foreach (var part in new[] { provider, state, type, key })
        {
            BinaryPrimitives.WriteInt32LittleEndian(rest, part.Length);
            part.CopyTo(rest[4..]);
            rest = rest[(4 + part.Length)..];
        }

        return new StateFileLocation(directory, filePath, identity);
    }

    /// <summary>A file-system-safe, case-insensitively unique name for <paramref name="raw"/>.</summary>
    internal static string SafeName(ReadOnlySpan<byte> raw, string readable)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(raw, hash);

        var name = new StringBuilder(17 + Math.Min(readable.Length, MaxReadableLength));
        name.Append(Convert.ToHexStringLower(hash[..8])).Append('-');
        foreach (var c in readable.AsSpan(0, Math.Min(readable.Length, MaxReadableLength)))
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }

        return name.ToString();
    }
}
