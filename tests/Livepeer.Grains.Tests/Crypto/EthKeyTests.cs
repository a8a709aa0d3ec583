using System.Text;
using Livepeer.Crypto;

namespace Livepeer.Grains.Tests.Crypto;

public class EthKeyTests
{
    private const string KnownPrivateKey = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    [Fact]
    public void Known_private_key_derives_known_address()
    {
        var key = EthKey.FromHex(KnownPrivateKey);
        Assert.Equal("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", key.Address.ToString());
    }

    [Fact]
    public void SignPersonal_matches_the_published_web3_vector()
    {
        // web3.js accounts.sign("Some data", KnownPrivateKey): RFC 6979 nonces make the bytes reproducible.
        var signature = EthKey.FromHex(KnownPrivateKey).SignPersonal("Some data"u8);
        Assert.Equal(
            "b91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd"
            + "6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a029" + "1c",
            Convert.ToHexStringLower(signature));
    }

    [Fact]
    public void Personal_digest_adds_the_prefix_and_decimal_length()
    {
        Span<byte> digest = stackalloc byte[32];
        EthSignature.PersonalDigest("Some data"u8, digest);
        Assert.Equal("1da44b586eb0729ff70a73c326926f6ed5a25f5b056e7f47fbc6e58d86871655", Convert.ToHexStringLower(digest));

        var message = new byte[1234];
        EthSignature.PersonalDigest(message, digest);
        Assert.Equal(Keccak256.Hash([.. "\u0019Ethereum Signed Message:\n1234"u8, .. message]), digest.ToArray());
    }

    [Fact]
    public void Signatures_are_deterministic()
    {
        var key = EthKey.FromHex(KnownPrivateKey);
        Assert.Equal(key.SignPersonal("abc"u8), key.SignPersonal("abc"u8));
        Assert.NotEqual(key.SignPersonal("abc"u8), key.SignPersonal("abd"u8));
    }

    [Fact]
    public void Random_keys_and_messages_round_trip_with_low_s_and_v_27_or_28()
    {
        var random = new Random(20240611);
        for (var i = 0; i < 150; i++)
        {
            var privateKey = new byte[32];
            random.NextBytes(privateKey);
            var key = i % 10 == 0 ? EthKey.Generate() : EthKey.FromPrivateKey(privateKey);
            var message = new byte[random.Next(0, 300)];
            random.NextBytes(message);

            var signature = key.SignPersonal(message);

            Assert.Equal(65, signature.Length);
            Assert.True(SignatureTestData.ReadS(signature) <= SignatureTestData.HalfCurveOrder);
            Assert.Contains(signature[64], new byte[] { 27, 28 });
            Assert.Equal(key.Address, EthSignature.RecoverPersonal(message, signature));
            Assert.Equal(SignatureCheck.Valid, EthSignature.VerifyPersonal(message, signature, key.Address));
        }
    }

    [Fact]
    public void SignPersonalKeccak_signs_the_keccak_of_the_message()
    {
        var key = EthKey.Generate();
        var message = Encoding.UTF8.GetBytes(key.Address.ToString());

        var signature = key.SignPersonalKeccak(message);

        Assert.Equal(key.SignPersonal(Keccak256.Hash(message)), signature);
        Assert.Equal(SignatureCheck.Valid, EthSignature.VerifyPersonalKeccak(message, signature, key.Address));
        Assert.Equal(SignatureCheck.SignerMismatch, EthSignature.VerifyPersonal(message, signature, key.Address));
    }

    [Fact]
    public void Private_key_bytes_round_trip_including_leading_zeros()
    {
        var raw = Convert.FromHexString("00000000000000000000000000000000000000000000000000000000000000ff");
        var key = EthKey.FromPrivateKey(raw);
        Assert.Equal(raw, key.PrivateKeyBytes());
        Assert.Equal(key.Address, EthKey.FromPrivateKey(key.PrivateKeyBytes()).Address);

        var known = EthKey.FromHex(KnownPrivateKey);
        Assert.Equal(KnownPrivateKey[2..], Convert.ToHexStringLower(known.PrivateKeyBytes()));
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")]
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    public void FromPrivateKey_rejects_scalars_outside_the_group(string hex)
    {
        Assert.Throws<ArgumentException>(() => EthKey.FromPrivateKey(Convert.FromHexString(hex)));
    }

    [Fact]
    public void FromPrivateKey_rejects_wrong_length_and_FromHex_bad_hex()
    {
        Assert.Throws<ArgumentException>(() => EthKey.FromPrivateKey(new byte[31]));
        Assert.Throws<FormatException>(() => EthKey.FromHex("0x1234"));
        Assert.Throws<FormatException>(() => EthKey.FromHex(KnownPrivateKey.Replace('c', 'z')));
    }

    [Fact]
    public void ToString_does_not_leak_the_key()
    {
        var key = EthKey.FromHex(KnownPrivateKey);
        Assert.DoesNotContain(KnownPrivateKey[2..], key.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(key.Address.ToString(), key.ToString());
    }
}
