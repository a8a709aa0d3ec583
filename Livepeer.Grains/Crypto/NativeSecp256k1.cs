using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Livepeer.Crypto;

/// <summary>
/// The native backend: bitcoin-core's libsecp256k1 (Debian package <c>libsecp256k1-1</c>, installed by
/// <c>scripts/install-prerequisites</c>), the library geth's ecrecover uses. Its default nonce function is RFC 6979 and
/// it always emits low s, so its signatures are byte-identical to <see cref="BouncyCastleSecp256k1"/>'s.
/// </summary>
/// <remarks>
/// Entry points are bound as function pointers through <see cref="NativeLibrary"/> rather than <c>[LibraryImport]</c>:
/// a missing library or symbol then shows up once, at load, as a reason to fall back, instead of as a
/// <see cref="DllNotFoundException"/> on the first ticket.
/// </remarks>
internal sealed unsafe class NativeSecp256k1 : Secp256k1Backend
{
    // Debian 12 ships only the versioned soname unless the -dev package is installed; later releases bumped it to .2
    // with the same functions. "secp256k1" lets the runtime try the platform's usual prefixes and suffixes.
    private static readonly string[] LibraryNames = ["libsecp256k1.so.1", "libsecp256k1.so.2", "secp256k1"];

    // secp256k1.h: SECP256K1_CONTEXT_SIGN | SECP256K1_CONTEXT_VERIFY. Since 0.2 every context can do both and the
    // flags are accepted for compatibility; older releases need them.
    private const uint ContextSignVerify = 0x301;

    // secp256k1.h: SECP256K1_EC_UNCOMPRESSED.
    private const uint EcUncompressed = 0x2;

    // Opaque structures of secp256k1.h and secp256k1_recovery.h; callers only allocate them.
    private const int RecoverableSignatureSize = 65;
    private const int PubkeySize = 64;

    private static readonly Lazy<(NativeSecp256k1? Backend, string? Failure)> Loaded = new(Load);

    // A context is never freed: there is one per process. Every call below takes it as const, which libsecp256k1
    // documents as safe from many threads at once; only randomisation mutates it, and that happens before publication.
    private readonly nint context;
    private readonly delegate* unmanaged<nint, byte*, byte*, byte*, nint, nint, int> signRecoverable;
    private readonly delegate* unmanaged<nint, byte*, int*, byte*, int> serializeCompact;
    private readonly delegate* unmanaged<nint, byte*, byte*, int, int> parseCompact;
    private readonly delegate* unmanaged<nint, byte*, byte*, byte*, int> recover;
    private readonly delegate* unmanaged<nint, byte*, nuint*, byte*, uint, int> serializePubkey;

    private NativeSecp256k1(string library, nint handle, nint context)
    {
        Library = library;
        this.context = context;
        signRecoverable = (delegate* unmanaged<nint, byte*, byte*, byte*, nint, nint, int>)Export(handle, "secp256k1_ecdsa_sign_recoverable");
        serializeCompact = (delegate* unmanaged<nint, byte*, int*, byte*, int>)Export(handle, "secp256k1_ecdsa_recoverable_signature_serialize_compact");
        parseCompact = (delegate* unmanaged<nint, byte*, byte*, int, int>)Export(handle, "secp256k1_ecdsa_recoverable_signature_parse_compact");
        recover = (delegate* unmanaged<nint, byte*, byte*, byte*, int>)Export(handle, "secp256k1_ecdsa_recover");
        serializePubkey = (delegate* unmanaged<nint, byte*, nuint*, byte*, uint, int>)Export(handle, "secp256k1_ec_pubkey_serialize");
    }

    /// <summary>The loaded backend, or null when the library or one of its functions is missing.</summary>
    public static NativeSecp256k1? Instance => Loaded.Value.Backend;

    /// <summary>Why <see cref="Instance"/> is null.</summary>
    public static string? LoadFailure => Loaded.Value.Failure;

    public override string Name => "libsecp256k1";

    /// <summary>The file name the library was loaded by, e.g. libsecp256k1.so.1.</summary>
    public string Library { get; }

    internal override int Sign(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> privateKey, Span<byte> compact)
    {
        RequireLength(digest, Keccak256.HashLength, nameof(digest));
        RequireLength(privateKey, Secp256k1.ScalarLength, nameof(privateKey));
        RequireLength(compact, CompactLength, nameof(compact));

        var signature = stackalloc byte[RecoverableSignatureSize];
        int recoveryId;
        fixed (byte* digestPointer = digest)
        fixed (byte* keyPointer = privateKey)
        fixed (byte* output = compact)
        {
            // Null nonce function and data: secp256k1_nonce_function_default, which is RFC 6979 with HMAC-SHA256.
            if (signRecoverable(context, signature, digestPointer, keyPointer, 0, 0) != 1)
            {
                throw new ArgumentException("libsecp256k1 refused the private key", nameof(privateKey));
            }

            serializeCompact(context, output, &recoveryId, signature);
        }

        // R.x >= n (odds ~2^-128) gives recovery id 2 or 3, which v = 27/28 cannot carry. BouncyCastle's signer takes
        // the next RFC 6979 nonce in that case, which keeps the two backends byte-identical.
        return recoveryId <= 1 ? recoveryId : BouncyCastle.Sign(digest, privateKey, compact);
    }

    internal override bool TryRecover(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> compact, int recoveryId, Span<byte> publicKey)
    {
        RequireLength(digest, Keccak256.HashLength, nameof(digest));
        RequireLength(compact, CompactLength, nameof(compact));
        RequireLength(publicKey, PublicKeyLength, nameof(publicKey));
        if (recoveryId is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(recoveryId), recoveryId, "v = 27/28 carries recovery id 0 or 1 only");
        }

        var signature = stackalloc byte[RecoverableSignatureSize];
        var pubkey = stackalloc byte[PubkeySize];
        var encoded = stackalloc byte[1 + PublicKeyLength];
        var encodedLength = (nuint)(1 + PublicKeyLength);
        fixed (byte* digestPointer = digest)
        fixed (byte* input = compact)
        {
            // parse_compact refuses r or s >= n; recover refuses r or s = 0 and an r that is no point's x.
            if (parseCompact(context, signature, input, recoveryId) != 1 || recover(context, pubkey, signature, digestPointer) != 1)
            {
                return false;
            }
        }

        serializePubkey(context, encoded, &encodedLength, pubkey, EcUncompressed);
        new ReadOnlySpan<byte>(encoded + 1, PublicKeyLength).CopyTo(publicKey);
        return true;
    }

    private static (NativeSecp256k1? Backend, string? Failure) Load()
    {
        foreach (var name in LibraryNames)
        {
            if (!NativeLibrary.TryLoad(name, typeof(NativeSecp256k1).Assembly, null, out var handle))
            {
                continue;
            }

            try
            {
                var create = (delegate* unmanaged<uint, nint>)Export(handle, "secp256k1_context_create");
                var randomize = (delegate* unmanaged<nint, byte*, int>)Export(handle, "secp256k1_context_randomize");
                var context = create(ContextSignVerify);
                if (context == 0)
                {
                    return (null, $"secp256k1_context_create failed in {name}");
                }

                // Blinding against side channels while signing; it does not change the signatures.
                var seed = stackalloc byte[32];
                RandomNumberGenerator.Fill(new Span<byte>(seed, 32));
                randomize(context, seed);

                return (new NativeSecp256k1(name, handle, context), null);
            }
            catch (EntryPointNotFoundException e)
            {
                return (null, $"{name}: {e.Message}");
            }
        }

        return (null, $"none of {string.Join(", ", LibraryNames)} could be loaded (Debian: apt-get install libsecp256k1-1)");
    }

    private static nint Export(nint handle, string name) =>
        NativeLibrary.TryGetExport(handle, name, out var address)
            ? address
            : throw new EntryPointNotFoundException($"{name} not exported (the recovery module is required)");

    private static void RequireLength(ReadOnlySpan<byte> span, int length, string name)
    {
        if (span.Length != length)
        {
            throw new ArgumentException($"expected {length} bytes, got {span.Length}", name);
        }
    }
}
