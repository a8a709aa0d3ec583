namespace Livepeer.Crypto;

/// <summary>
/// The secp256k1 implementation behind <see cref="EthKey"/> signing and <see cref="EthSignature"/> recovery. Both
/// produce the same bytes (RFC 6979 nonces, low s), so the choice is about speed only: the native libsecp256k1 when it
/// loads and passes a self-test against BouncyCastle, BouncyCastle otherwise. The choice is made once per process.
/// </summary>
/// <remarks>
/// Only the curve arithmetic lives behind this seam. The protocol's rules (digest, v = 27/28, rejection order; see
/// shared spec: payments.md §3.1) stay in <see cref="EthKey"/> and <see cref="EthSignature"/>, shared by both backends.
/// </remarks>
public abstract class Secp256k1Backend
{
    /// <summary>Length of the uncompressed public key without its 0x04 prefix: X ‖ Y.</summary>
    internal const int PublicKeyLength = 64;

    /// <summary>Length of a compact signature: r ‖ s.</summary>
    internal const int CompactLength = 64;

    // Fixed self-test inputs: any valid key and digest do; these are the spec's known key and a labelled digest.
    private static readonly byte[] SelfTestKey = Convert.FromHexString("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    private static readonly byte[] SelfTestDigest = Keccak256.Hash("Livepeer.Orleans secp256k1 self-test"u8);

    internal Secp256k1Backend()
    {
    }

    /// <summary>Short name for logs and benchmarks, e.g. "libsecp256k1" or "BouncyCastle".</summary>
    public abstract string Name { get; }

    /// <summary>The backend every <see cref="EthKey"/> and <see cref="EthSignature"/> call without an explicit one uses.</summary>
    public static Secp256k1Backend Current => Selection.Backend;

    /// <summary>Why <see cref="Current"/> is what it is, for the start-up log: the library used or why it was not.</summary>
    public static string SelectionReason => Selection.Reason;

    /// <summary>The managed implementation, always available.</summary>
    public static Secp256k1Backend BouncyCastle => BouncyCastleSecp256k1.Instance;

    /// <summary>The native libsecp256k1 if it loaded (even if its self-test failed), else null.</summary>
    public static Secp256k1Backend? Native => NativeSecp256k1.Instance;

    /// <summary>Why <see cref="Native"/> is null; null when it loaded.</summary>
    public static string? NativeLoadFailure => NativeSecp256k1.LoadFailure;

    public override string ToString() => Name;

    /// <summary>
    /// ECDSA over a 32-byte digest with an RFC 6979 nonce: writes r ‖ s with low s to <paramref name="compact"/> and
    /// returns the recovery id, 0 or 1 (nonces giving 2 or 3 are skipped, as v = 27/28 cannot carry them).
    /// </summary>
    internal abstract int Sign(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> privateKey, Span<byte> compact);

    /// <summary>
    /// SEC1 public-key recovery for recovery id 0 or 1: writes X ‖ Y to <paramref name="publicKey"/>. False when r or s
    /// is 0 or ≥ n, or no key exists. Accepts high s: callers enforce the protocol's low-s rule first.
    /// </summary>
    internal abstract bool TryRecover(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> compact, int recoveryId, Span<byte> publicKey);

    /// <summary>
    /// <paramref name="native"/> if it signs and recovers a fixed vector exactly as BouncyCastle does, else
    /// BouncyCastle; <paramref name="reason"/> says which and why.
    /// </summary>
    internal static Secp256k1Backend Select(Secp256k1Backend? native, string? loadFailure, out string reason)
    {
        if (native is null)
        {
            reason = $"{BouncyCastle.Name} (native libsecp256k1 unavailable: {loadFailure})";
            return BouncyCastle;
        }

        var failure = SelfTest(native, BouncyCastle);
        if (failure is not null)
        {
            reason = $"{BouncyCastle.Name} (native {native.Name} failed its self-test: {failure})";
            return BouncyCastle;
        }

        var library = native is NativeSecp256k1 loaded ? $"{loaded.Library}, " : "";
        reason = $"{native.Name} ({library}self-test against {BouncyCastle.Name} passed)";
        return native;
    }

    /// <summary>Null when <paramref name="candidate"/> agrees with <paramref name="reference"/>, else what differed.</summary>
    internal static string? SelfTest(Secp256k1Backend candidate, Secp256k1Backend reference)
    {
        try
        {
            Span<byte> expected = stackalloc byte[CompactLength];
            Span<byte> actual = stackalloc byte[CompactLength];
            var expectedId = reference.Sign(SelfTestDigest, SelfTestKey, expected);
            var actualId = candidate.Sign(SelfTestDigest, SelfTestKey, actual);
            if (actualId != expectedId || !actual.SequenceEqual(expected))
            {
                return "signature differs";
            }

            Span<byte> expectedKey = stackalloc byte[PublicKeyLength];
            Span<byte> actualKey = stackalloc byte[PublicKeyLength];
            if (!reference.TryRecover(SelfTestDigest, expected, expectedId, expectedKey)
                || !candidate.TryRecover(SelfTestDigest, expected, expectedId, actualKey)
                || !actualKey.SequenceEqual(expectedKey))
            {
                return "recovered public key differs";
            }

            // s = 0 must not recover anything.
            expected[32..].Clear();
            return candidate.TryRecover(SelfTestDigest, expected, expectedId, actualKey) ? "accepted s = 0" : null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    // A holder class so that loading the native library and the self-test run on first use, once, thread-safely.
    private static class Selection
    {
        static Selection()
        {
            Backend = Select(NativeSecp256k1.Instance, NativeSecp256k1.LoadFailure, out var reason);
            Reason = reason;
        }

        public static Secp256k1Backend Backend { get; }

        public static string Reason { get; }
    }
}
