using System.Numerics;
using Livepeer.Crypto;

namespace Livepeer.Grains.Tests.Crypto;

/// <summary>
/// Raw-digest signing (no personal_sign prefix), the form transactions need: the published EIP-155 vector on every
/// backend, byte-identical backends, and go-ethereum's rejection rules on recovery.
/// </summary>
public class DigestSigningTests
{
    // EIP-155's example (https://eips.ethereum.org/EIPS/eip-155, "Example"): the signing hash of its transaction and
    // the r, s it gets with private key 0x4646…46; v = 37 on chain id 1, so the recovery id is 0.
    private static readonly EthKey Eip155Key = EthKey.FromHex("4646464646464646464646464646464646464646464646464646464646464646");
    private static readonly byte[] Eip155SigningHash = Convert.FromHexString("daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53");
    private static readonly BigInteger Eip155R = BigInteger.Parse("18515461264373351373200002665853028612451056578545711640558177340181847433846");
    private static readonly BigInteger Eip155S = BigInteger.Parse("46948507304638947509940763649030358759909902576025900602547168820602576006531");

    [Fact]
    public void Every_available_backend_reproduces_the_EIP_155_signature()
    {
        foreach (var backend in AvailableBackends())
        {
            var signature = Eip155Key.SignDigest(Eip155SigningHash, backend);

            Assert.Equal(Eip155R, signature.RValue);
            Assert.Equal(Eip155S, signature.SValue);
            Assert.Equal(0, signature.RecoveryId);
            Assert.Equal(SignatureCheck.Valid, EthSignature.TryRecoverDigest(Eip155SigningHash, signature, backend, out var signer));
            Assert.Equal(Eip155Key.Address, signer);
        }
    }

    [NativeSecp256k1Fact]
    public void Native_signs_digests_byte_identically_to_BouncyCastle()
    {
        var random = new Random(20250612);
        var digest = new byte[32];
        for (var i = 0; i < 200; i++)
        {
            var key = RandomKey(random);
            random.NextBytes(digest);

            var native = key.SignDigest(digest, Secp256k1Backend.Native!);

            Assert.Equal(key.SignDigest(digest, Secp256k1Backend.BouncyCastle), native);
            Assert.Equal(SignatureCheck.Valid, EthSignature.TryRecoverDigest(digest, native, Secp256k1Backend.BouncyCastle, out var managedSigner));
            Assert.Equal(SignatureCheck.Valid, EthSignature.TryRecoverDigest(digest, native, Secp256k1Backend.Native!, out var nativeSigner));
            Assert.Equal(key.Address, managedSigner);
            Assert.Equal(key.Address, nativeSigner);
        }
    }

    [Fact]
    public void Random_digests_round_trip_with_low_s()
    {
        var random = new Random(42);
        var digest = new byte[32];
        for (var i = 0; i < 100; i++)
        {
            var key = RandomKey(random);
            random.NextBytes(digest);

            var signature = key.SignDigest(digest);

            Assert.True(signature.SValue <= SignatureTestData.HalfCurveOrder);
            Assert.Equal(key.Address, Recover(digest, signature));
        }
    }

    [Fact]
    public void Digest_signing_is_personal_signing_without_the_prefix()
    {
        var key = EthKey.FromHex("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
        var personal = key.SignPersonal("Some data"u8);
        var digest = new byte[32];
        EthSignature.PersonalDigest("Some data"u8, digest);

        var raw = key.SignDigest(digest);

        Assert.Equal(personal[..64], raw.R.ToArray().Concat(raw.S.ToArray()));
        Assert.Equal(personal[64] - 27, raw.RecoveryId);
    }

    [Fact]
    public void Recovery_rejects_high_s_and_invalid_scalars_as_go_ethereum_does()
    {
        var signature = Eip155Key.SignDigest(Eip155SigningHash);
        var n = SignatureTestData.CurveOrder;

        // The malleable twin (r, n − s) with the other recovery id is a valid ECDSA signature, but not a canonical one.
        var twin = EcdsaSignature.FromRS(signature.RValue, n - signature.SValue, signature.RecoveryId ^ 1);
        Assert.Equal(SignatureCheck.SValueTooHigh, EthSignature.TryRecoverDigest(Eip155SigningHash, twin, out _));

        Assert.Equal(SignatureCheck.Unrecoverable, Check(EcdsaSignature.FromRS(0, signature.SValue, 0)));
        Assert.Equal(SignatureCheck.Unrecoverable, Check(EcdsaSignature.FromRS(signature.RValue, 0, 0)));
        Assert.Equal(SignatureCheck.Unrecoverable, Check(EcdsaSignature.FromRS(n, signature.SValue, 0)));
        Assert.Equal(SignatureCheck.Unrecoverable, Check(EcdsaSignature.FromRS(5, signature.SValue, 0))); // 5³ + 7 is no square mod p

        // The other recovery id names another key.
        var flipped = EcdsaSignature.FromRS(signature.R, signature.S, signature.RecoveryId ^ 1);
        Assert.NotEqual(Eip155Key.Address, Recover(Eip155SigningHash, flipped));
    }

    [Fact]
    public void Digests_must_be_32_bytes_and_recovery_ids_0_or_1()
    {
        var key = Eip155Key;
        Assert.Throws<ArgumentException>(() => key.SignDigest(new byte[31]));
        Assert.Throws<ArgumentException>(() => key.SignDigest(new byte[33]));
        var signature = key.SignDigest(Eip155SigningHash);
        Assert.Throws<ArgumentException>(() => EthSignature.TryRecoverDigest(new byte[31], signature, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => EcdsaSignature.FromRS(signature.R, signature.S, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => EcdsaSignature.FromRS(BigInteger.One << 256, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => EcdsaSignature.FromRS(-1, 1, 0));
    }

    private static SignatureCheck Check(EcdsaSignature signature) =>
        EthSignature.TryRecoverDigest(Eip155SigningHash, signature, out _);

    private static EthAddress? Recover(byte[] digest, EcdsaSignature signature) =>
        EthSignature.TryRecoverDigest(digest, signature, out var signer) == SignatureCheck.Valid ? signer : null;

    private static IEnumerable<Secp256k1Backend> AvailableBackends() =>
        Secp256k1Backend.Native is { } native ? [Secp256k1Backend.BouncyCastle, native] : [Secp256k1Backend.BouncyCastle];

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
}
