using System.Text;
using Livepeer.Ethereum;
using BouncyCastleScrypt = Org.BouncyCastle.Crypto.Generators.SCrypt;

namespace Livepeer.Grains.Tests.Ethereum;

/// <summary>Our scrypt against RFC 7914's published vectors and, where its parameter rule allows, BouncyCastle's.</summary>
public class ScryptTests
{
    // RFC 7914 §12 "Test Vectors for scrypt" (the 4th, n = 2^20, is left out for time).
    [Theory]
    [InlineData("", "", 16, 1, 1, "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906")]
    [InlineData("password", "NaCl", 1024, 8, 16, "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")]
    [InlineData("pleaseletmein", "SodiumChloride", 16384, 8, 1, "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887")]
    public void Reproduces_the_RFC_7914_vectors(string password, string salt, int n, int r, int p, string expected)
    {
        var key = Scrypt.DeriveKey(Encoding.ASCII.GetBytes(password), Encoding.ASCII.GetBytes(salt), n, r, p, 64);
        Assert.Equal(expected, Convert.ToHexStringLower(key));
    }

    [Fact]
    public void Agrees_with_BouncyCastle_on_random_inputs()
    {
        var random = new Random(7914);
        foreach (var (n, r, p) in new[] { (2, 1, 1), (4, 2, 3), (256, 8, 1), (64, 3, 2), (1024, 1, 4), (8, 16, 1) })
        {
            var password = new byte[random.Next(0, 40)];
            var salt = new byte[random.Next(0, 40)];
            random.NextBytes(password);
            random.NextBytes(salt);
            var length = random.Next(1, 80);

            Assert.Equal(BouncyCastleScrypt.Generate(password, salt, n, r, p, length), Scrypt.DeriveKey(password, salt, n, r, p, length));
        }
    }

    [Theory]
    [InlineData(0, 8, 1, "power of 2")]
    [InlineData(1, 8, 1, "power of 2")]
    [InlineData(1000, 8, 1, "power of 2")]
    [InlineData(1024, 0, 1, "r and p must be positive")]
    [InlineData(1024, 8, 0, "r and p must be positive")]
    [InlineData(1024, 1 << 15, 1 << 15, "r·p < 2^30")]
    [InlineData(1 << 30, 8, 1, "too large")]
    public void Refuses_unusable_parameters(int n, int r, int p, string reason)
    {
        Assert.Contains(reason, Scrypt.Validate(n, r, p));
        Assert.Throws<ArgumentOutOfRangeException>(() => Scrypt.DeriveKey([], [], n, r, p, 32));
    }
}
