using Org.BouncyCastle.Crypto.Digests;

namespace Livepeer.Crypto;

/// <summary>
/// Ethereum Keccak-256 (original Keccak padding), which differs from NIST SHA3-256.
/// See shared spec: payments.md §2 and §14.1.
/// </summary>
public static class Keccak256
{
    public const int HashLength = 32;

    // A digest holds ~400 bytes of state; reusing one per thread keeps hashing allocation-free.
    // DoFinal resets it, and every path below validates arguments before feeding data.
    [ThreadStatic]
    private static KeccakDigest? cachedDigest;

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var result = new byte[HashLength];
        Hash(data, result);
        return result;
    }

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination) => Hash(data, [], destination);

    /// <summary>Hashes <paramref name="first"/> ‖ <paramref name="second"/> without concatenating them.</summary>
    public static void Hash(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination)
    {
        if (destination.Length < HashLength)
        {
            throw new ArgumentException($"destination must hold {HashLength} bytes", nameof(destination));
        }

        var digest = cachedDigest ??= new KeccakDigest(256);
        digest.BlockUpdate(first);
        digest.BlockUpdate(second);
        digest.DoFinal(destination);
    }
}
