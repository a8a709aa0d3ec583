using System.Numerics;
using Livepeer.Crypto;

namespace Livepeer.Grains.Tests.Crypto;

/// <summary>
/// The native libsecp256k1 backend against the BouncyCastle one: same signatures, same recovered signers, same
/// rejections, and a start-up choice that falls back to BouncyCastle when the native one is missing or wrong.
/// </summary>
public class Secp256k1BackendTests
{
    private const string KnownPrivateKey = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private static readonly EthKey Key = EthKey.FromHex(KnownPrivateKey);
    private static readonly byte[] Message = Keccak256.Hash("ticket"u8);

    private static Secp256k1Backend Native => Secp256k1Backend.Native!;

    private static Secp256k1Backend Managed => Secp256k1Backend.BouncyCastle;

    [NativeSecp256k1Fact]
    public void Native_signs_byte_identically_to_BouncyCastle_for_random_keys_and_messages()
    {
        var random = new Random(20250611);
        for (var i = 0; i < 200; i++)
        {
            var key = RandomKey(random);
            var message = new byte[i % 4 == 0 ? 32 : random.Next(0, 200)];
            random.NextBytes(message);

            var native = key.SignPersonal(message, Native);

            Assert.Equal(key.SignPersonal(message, Managed), native);
            Assert.Equal(SignatureCheck.Valid, EthSignature.VerifyPersonal(message, native, key.Address, Native));
            Assert.Equal(SignatureCheck.Valid, EthSignature.VerifyPersonal(message, native, key.Address, Managed));
        }
    }

    [Fact]
    public void Every_available_backend_reproduces_the_published_web3_vector()
    {
        // web3.js accounts.sign("Some data", KnownPrivateKey).
        const string Expected = "b91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd"
            + "6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a029" + "1c";
        foreach (var backend in AvailableBackends())
        {
            var signature = Key.SignPersonal("Some data"u8, backend);
            Assert.Equal(Expected, Convert.ToHexStringLower(signature));
            Assert.Equal(Key.Address, EthSignature.RecoverPersonal("Some data"u8, signature));
        }
    }

    [NativeSecp256k1Fact]
    public void Both_backends_recover_the_same_signer_from_arbitrary_low_s_signatures()
    {
        // Random r and s: about half of the r values are no point's x, so this covers both outcomes.
        var random = new Random(7);
        var outcomes = new HashSet<SignatureCheck>();
        for (var i = 0; i < 100; i++)
        {
            var signature = new byte[EthSignature.Length];
            random.NextBytes(signature);
            signature[32] &= 0x7f; // below n/2 unless the rest is very large: keeps the case past the high-s check
            signature[64] = (byte)(27 + (i & 1));

            var message = new byte[32];
            random.NextBytes(message);
            outcomes.Add(AssertSameOutcome(message, signature));
        }

        Assert.Equal([SignatureCheck.Valid, SignatureCheck.Unrecoverable], outcomes.Order());
    }

    [NativeSecp256k1Fact]
    public void Both_backends_reject_malformed_signatures_identically_and_in_go_livepeer_order()
    {
        var signature = Key.SignPersonal(Message, Managed);
        var n = SignatureTestData.CurveOrder;
        var halfN = SignatureTestData.HalfCurveOrder;
        var max = (BigInteger.One << 256) - 1;

        var cases = new List<(string Name, byte[] Signature, SignatureCheck? Expected)>
        {
            ("valid", signature, SignatureCheck.Valid),
            ("empty", [], SignatureCheck.InvalidLength),
            ("64 bytes", signature[..64], SignatureCheck.InvalidLength),
            ("66 bytes", [.. signature, 0], SignatureCheck.InvalidLength),
            ("high-s twin", SignatureTestData.FlipS(signature), SignatureCheck.SValueTooHigh),
            ("high s and bad v", WithV(SignatureTestData.FlipS(signature), 0), SignatureCheck.SValueTooHigh),
            ("s = n/2 + 1", WithS(signature, halfN + 1), SignatureCheck.SValueTooHigh),
            ("s = n", WithS(signature, n), SignatureCheck.SValueTooHigh),
            ("s = 2^256 - 1", WithS(signature, max), SignatureCheck.SValueTooHigh),
            ("v = 0", WithV(signature, 0), SignatureCheck.InvalidRecoveryId),
            ("v = 1", WithV(signature, 1), SignatureCheck.InvalidRecoveryId),
            ("v = 26", WithV(signature, 26), SignatureCheck.InvalidRecoveryId),
            ("v = 29", WithV(signature, 29), SignatureCheck.InvalidRecoveryId),
            ("v = 255", WithV(signature, 255), SignatureCheck.InvalidRecoveryId),
            ("r = 0", WithR(signature, 0), SignatureCheck.Unrecoverable),
            ("s = 0", WithS(signature, 0), SignatureCheck.Unrecoverable),
            ("r and s = 0", WithS(WithR(signature, 0), 0), SignatureCheck.Unrecoverable),
            ("r = n", WithR(signature, n), SignatureCheck.Unrecoverable),
            ("r = n + 1", WithR(signature, n + 1), SignatureCheck.Unrecoverable),
            ("r = 2^256 - 1", WithR(signature, max), SignatureCheck.Unrecoverable),
            ("r off the curve", WithR(signature, 5), SignatureCheck.Unrecoverable), // 5³ + 7 is not a square mod p
            ("s = n/2, the largest low s", WithS(signature, halfN), SignatureCheck.SignerMismatch),
            // Outcome depends on whether a point exists: only agreement is asserted.
            ("r = n - 1", WithR(signature, n - 1), null),
            ("v flipped", WithV(signature, (byte)(signature[64] ^ 0x07)), null), // 27 <-> 28
        };

        foreach (var (name, bad, expected) in cases)
        {
            AssertSameOutcome(Message, bad, name);
            var managed = EthSignature.VerifyPersonal(Message, bad, Key.Address, Managed);
            var native = EthSignature.VerifyPersonal(Message, bad, Key.Address, Native);
            Assert.True(managed == native, $"{name}: BouncyCastle {managed}, libsecp256k1 {native}");
            Assert.True(expected is null || expected == managed, $"{name}: expected {expected}, got {managed}");
        }
    }

    [Fact]
    public void Current_is_native_exactly_when_the_library_loads_and_passes_its_self_test()
    {
        if (Secp256k1Backend.Native is { } native)
        {
            Assert.Same(native, Secp256k1Backend.Current);
            Assert.Equal("libsecp256k1", Secp256k1Backend.Current.Name);
            Assert.Null(Secp256k1Backend.SelfTest(native, Managed));
            Assert.Contains("self-test", Secp256k1Backend.SelectionReason);
        }
        else
        {
            Assert.Same(Managed, Secp256k1Backend.Current);
            Assert.NotNull(Secp256k1Backend.NativeLoadFailure);
            Assert.Contains(Secp256k1Backend.NativeLoadFailure!, Secp256k1Backend.SelectionReason);
        }

        Assert.Equal("BouncyCastle", Managed.Name);
    }

    [Fact]
    public void Selection_falls_back_to_BouncyCastle_when_native_is_missing_or_fails_its_self_test()
    {
        Assert.Same(Managed, Secp256k1Backend.Select(null, "libsecp256k1.so.1: not found", out var reason));
        Assert.Contains("libsecp256k1.so.1: not found", reason);

        Assert.Same(Managed, Secp256k1Backend.Select(new SkewedBackend(), null, out reason));
        Assert.Contains("signature differs", reason);

        Assert.Null(Secp256k1Backend.SelfTest(Managed, Managed));
    }

    [Fact]
    public void Low_s_bound_bytes_are_half_the_curve_order()
    {
        Assert.Equal(SignatureTestData.HalfCurveOrder, new BigInteger(Secp256k1.HalfNBytes, isUnsigned: true, isBigEndian: true));
    }

    private static IEnumerable<Secp256k1Backend> AvailableBackends() =>
        Secp256k1Backend.Native is { } native ? [Managed, native] : [Managed];

    /// <summary>Checks <paramref name="signature"/> with both backends, asserts they agree, returns the outcome.</summary>
    private static SignatureCheck AssertSameOutcome(byte[] message, byte[] signature, string? name = null)
    {
        var managed = EthSignature.TryRecoverPersonal(message, signature, Managed, out var managedSigner);
        var native = EthSignature.TryRecoverPersonal(message, signature, Native, out var nativeSigner);
        Assert.True(managed == native, $"{name}: BouncyCastle {managed}, libsecp256k1 {native}");
        Assert.Equal(managedSigner, nativeSigner);
        return managed;
    }

    private static EthKey RandomKey(Random random)
    {
        var bytes = new byte[32];
        while (true)
        {
            random.NextBytes(bytes);
            var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
            if (value > 0 && value < SignatureTestData.CurveOrder)
            {
                return EthKey.FromPrivateKey(bytes);
            }
        }
    }

    private static byte[] WithR(byte[] signature, BigInteger r) => WithScalar(signature, 0, r);

    private static byte[] WithS(byte[] signature, BigInteger s) => WithScalar(signature, 32, s);

    private static byte[] WithV(byte[] signature, byte v)
    {
        var copy = (byte[])signature.Clone();
        copy[64] = v;
        return copy;
    }

    private static byte[] WithScalar(byte[] signature, int offset, BigInteger value)
    {
        var copy = (byte[])signature.Clone();
        var scalar = copy.AsSpan(offset, 32);
        scalar.Clear();
        var length = value.GetByteCount(isUnsigned: true);
        value.TryWriteBytes(scalar[(32 - length)..], out _, isUnsigned: true, isBigEndian: true);
        return copy;
    }

    /// <summary>A backend whose signatures are off by one bit, to prove the self-test catches a wrong library.</summary>
    private sealed class SkewedBackend : Secp256k1Backend
    {
        public override string Name => "skewed";

        internal override int Sign(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> privateKey, Span<byte> compact)
        {
            var recoveryId = BouncyCastle.Sign(digest, privateKey, compact);
            compact[63] ^= 1;
            return recoveryId;
        }

        internal override bool TryRecover(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> compact, int recoveryId, Span<byte> publicKey) =>
            BouncyCastle.TryRecover(digest, compact, recoveryId, publicKey);
    }
}
