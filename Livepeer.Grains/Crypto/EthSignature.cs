using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Livepeer.Crypto;

/// <summary>
/// Verification of Ethereum personal_sign signatures (65 bytes r‖s‖v, v = 27/28), by public-key
/// recovery as go-livepeer and the TicketBroker contract do. See shared spec: payments.md §3.
/// </summary>
public static class EthSignature
{
    public const int Length = 65;

    // \u0019, not \x19: C#'s \x escape is greedy and would swallow the "E" that follows.
    private static ReadOnlySpan<byte> PersonalPrefix => "\u0019Ethereum Signed Message:\n"u8;

    /// <summary>Recovers the signer of a personal_sign signature over <paramref name="message"/>.</summary>
    public static SignatureCheck TryRecoverPersonal(
        ReadOnlySpan<byte> message,
        ReadOnlySpan<byte> signature,
        [NotNullWhen(true)] out EthAddress? signer) =>
        TryRecoverPersonal(message, signature, Secp256k1Backend.Current, out signer);

    /// <summary>Recovers the signer through a given backend; every backend gives the same answers.</summary>
    public static SignatureCheck TryRecoverPersonal(
        ReadOnlySpan<byte> message,
        ReadOnlySpan<byte> signature,
        Secp256k1Backend backend,
        [NotNullWhen(true)] out EthAddress? signer)
    {
        ArgumentNullException.ThrowIfNull(backend);
        signer = null;

        // Checks run in go-livepeer's VerifySig order: length, high s, v. They stay here, ahead of any backend,
        // because libsecp256k1's recovery accepts high s.
        if (signature.Length != Length)
        {
            return SignatureCheck.InvalidLength;
        }

        // Equal-length big-endian byte strings compare as the numbers they encode.
        if (signature[32..64].SequenceCompareTo(Secp256k1.HalfNBytes) > 0)
        {
            return SignatureCheck.SValueTooHigh;
        }

        var v = signature[64];
        if (v is not (27 or 28))
        {
            return SignatureCheck.InvalidRecoveryId;
        }

        Span<byte> digest = stackalloc byte[Keccak256.HashLength];
        PersonalDigest(message, digest);
        Span<byte> publicKey = stackalloc byte[Secp256k1Backend.PublicKeyLength];
        if (!backend.TryRecover(digest, signature[..Secp256k1Backend.CompactLength], v - 27, publicKey))
        {
            return SignatureCheck.Unrecoverable;
        }

        signer = Secp256k1.ToAddress(publicKey);
        return SignatureCheck.Valid;
    }

    /// <summary>Recovers the signer, throwing <see cref="ArgumentException"/> for an invalid signature.</summary>
    public static EthAddress RecoverPersonal(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        var check = TryRecoverPersonal(message, signature, out var signer);
        return signer ?? throw new ArgumentException(check.Describe(), nameof(signature));
    }

    /// <summary>Checks that <paramref name="expectedSigner"/> personal-signed <paramref name="message"/>.</summary>
    public static SignatureCheck VerifyPersonal(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, EthAddress expectedSigner) =>
        VerifyPersonal(message, signature, expectedSigner, Secp256k1Backend.Current);

    /// <summary>Checks the signer through a given backend; every backend gives the same answers.</summary>
    public static SignatureCheck VerifyPersonal(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, EthAddress expectedSigner, Secp256k1Backend backend)
    {
        var check = TryRecoverPersonal(message, signature, backend, out var signer);
        return check != SignatureCheck.Valid || signer == expectedSigner ? check : SignatureCheck.SignerMismatch;
    }

    /// <summary>
    /// Verifies the wrapper form personal_sign(keccak256(message)) that O and B use for
    /// everything except tickets (see shared spec: payments.md §3.2).
    /// </summary>
    public static SignatureCheck VerifyPersonalKeccak(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, EthAddress expectedSigner)
    {
        Span<byte> hash = stackalloc byte[Keccak256.HashLength];
        Keccak256.Hash(message, hash);
        return VerifyPersonal(hash, signature, expectedSigner);
    }

    /// <summary>
    /// Recovers the signer of a raw-digest signature (no personal_sign prefix), as go-ethereum recovers a transaction's
    /// sender: high s is rejected first (the homestead rule), then r and s outside [1, n-1] or without a point.
    /// </summary>
    public static SignatureCheck TryRecoverDigest(
        ReadOnlySpan<byte> digest,
        EcdsaSignature signature,
        [NotNullWhen(true)] out EthAddress? signer) =>
        TryRecoverDigest(digest, signature, Secp256k1Backend.Current, out signer);

    /// <summary>Raw-digest recovery through a given backend; every backend gives the same answers.</summary>
    public static SignatureCheck TryRecoverDigest(
        ReadOnlySpan<byte> digest,
        EcdsaSignature signature,
        Secp256k1Backend backend,
        [NotNullWhen(true)] out EthAddress? signer)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(backend);
        if (digest.Length != Keccak256.HashLength)
        {
            throw new ArgumentException($"a digest is {Keccak256.HashLength} bytes, got {digest.Length}", nameof(digest));
        }

        signer = null;
        if (signature.S.SequenceCompareTo(Secp256k1.HalfNBytes) > 0)
        {
            return SignatureCheck.SValueTooHigh;
        }

        Span<byte> compact = stackalloc byte[Secp256k1Backend.CompactLength];
        signature.R.CopyTo(compact);
        signature.S.CopyTo(compact[EcdsaSignature.ScalarLength..]);
        Span<byte> publicKey = stackalloc byte[Secp256k1Backend.PublicKeyLength];
        if (!backend.TryRecover(digest, compact, signature.RecoveryId, publicKey))
        {
            return SignatureCheck.Unrecoverable;
        }

        signer = Secp256k1.ToAddress(publicKey);
        return SignatureCheck.Valid;
    }

    /// <summary>
    /// go-ethereum's TextHash: keccak256("\x19Ethereum Signed Message:\n" + decimal(len) + message).
    /// The message is not hashed first.
    /// </summary>
    internal static void PersonalDigest(ReadOnlySpan<byte> message, Span<byte> digest)
    {
        Span<byte> prefix = stackalloc byte[PersonalPrefix.Length + 10];
        PersonalPrefix.CopyTo(prefix);
        message.Length.TryFormat(prefix[PersonalPrefix.Length..], out var digits, default, CultureInfo.InvariantCulture);
        Keccak256.Hash(prefix[..(PersonalPrefix.Length + digits)], message, digest);
    }
}
