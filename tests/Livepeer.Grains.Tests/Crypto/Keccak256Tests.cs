using System.Security.Cryptography;
using System.Text;
using FsCheck.Xunit;
using Livepeer.Crypto;

namespace Livepeer.Grains.Tests.Crypto;

public class Keccak256Tests
{
    [Theory]
    [InlineData("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    public void Hash_matches_known_answers(string input, string expectedHex)
    {
        Assert.Equal(expectedHex, Convert.ToHexStringLower(Keccak256.Hash(Encoding.ASCII.GetBytes(input))));
    }

    [Fact]
    public void Hash_uses_keccak_padding_not_nist_sha3()
    {
        Assert.NotEqual(SHA3_256.IsSupported ? SHA3_256.HashData([]) : Convert.FromHexString("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"), Keccak256.Hash([]));
    }

    [Fact]
    public void Hash_rejects_short_destination()
    {
        Assert.Throws<ArgumentException>(() => Keccak256.Hash([1, 2, 3], new byte[31]));
    }

    [Property(MaxTest = 200)]
    public bool Two_part_hash_equals_hash_of_concatenation(byte[] first, byte[] second)
    {
        var split = new byte[Keccak256.HashLength];
        Keccak256.Hash(first, second, split);
        return split.AsSpan().SequenceEqual(Keccak256.Hash([.. first, .. second]));
    }

    [Fact]
    public async Task Hash_is_safe_across_threads()
    {
        var input = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var expected = Keccak256.Hash(input);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 200).All(_ => Keccak256.Hash(input).AsSpan().SequenceEqual(expected)))));
        Assert.All(results, Assert.True);
    }
}
