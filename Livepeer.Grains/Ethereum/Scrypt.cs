using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Livepeer.Ethereum;

/// <summary>
/// scrypt (RFC 7914): PBKDF2-HMAC-SHA256 around ROMix with Salsa20/8. Our own rather than BouncyCastle's because
/// BouncyCastle enforces RFC 7914's n &lt; 2^(16·r), which the Web3 Secret Storage definition's own scrypt vector
/// (r = 1, n = 2^18) breaks and which go-ethereum's scrypt does not check: a keystore geth opens must open here too.
/// </summary>
internal static class Scrypt
{
    private const int WordsPerSalsaBlock = 16;

    /// <summary>Derives <paramref name="length"/> bytes. Parameters must already be sane (see <see cref="Validate"/>).</summary>
    public static byte[] DeriveKey(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int n, int r, int p, int length)
    {
        if (Validate(n, r, p) is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(n), problem);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        var blockBytes = 128 * r;
        var blocks = Rfc2898DeriveBytes.Pbkdf2(password, salt, 1, HashAlgorithmName.SHA256, p * blockBytes);
        var x = new uint[32 * r];
        var y = new uint[32 * r];
        var v = new uint[(long)32 * r * n];
        try
        {
            for (var i = 0; i < p; i++)
            {
                RoMix(blocks.AsSpan(i * blockBytes, blockBytes), n, r, x, y, v);
            }

            return Rfc2898DeriveBytes.Pbkdf2(password, blocks, 1, HashAlgorithmName.SHA256, length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(blocks);
            Array.Clear(x);
            Array.Clear(y);
            Array.Clear(v);
        }
    }

    /// <summary>Null when n, r, p are usable: n a power of 2 above 1, r and p positive with r·p &lt; 2^30 (RFC 7914).</summary>
    public static string? Validate(int n, int r, int p)
    {
        if (n < 2 || (n & (n - 1)) != 0)
        {
            return $"n must be a power of 2 above 1, got {n}";
        }

        if (r < 1 || p < 1 || (long)r * p >= 1 << 30)
        {
            return $"r and p must be positive with r·p < 2^30, got r = {r}, p = {p}";
        }

        return (long)32 * r * n > Array.MaxLength ? $"n = {n}, r = {r} is too large to hold in memory" : null;
    }

    // The three mixing functions run millions of times within one or a few calls: AggressiveOptimization compiles them
    // optimised at once instead of starting in tier 0, which cost the first derivation about a third more CPU time.

    /// <summary>ROMix: fills V with n successive BlockMix states, then mixes in n of them chosen by the state itself.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RoMix(Span<byte> block, int n, int r, uint[] x, uint[] y, uint[] v)
    {
        var words = 32 * r;
        for (var i = 0; i < words; i++)
        {
            x[i] = BinaryPrimitives.ReadUInt32LittleEndian(block[(4 * i)..]);
        }

        for (var i = 0; i < n; i++)
        {
            x.CopyTo(v.AsSpan(i * words, words));
            BlockMix(x, y, r);
            (x, y) = (y, x);
        }

        // Integerify: the first word of the last 64-byte block, mod n (a power of 2).
        var last = (2 * r - 1) * WordsPerSalsaBlock;
        for (var i = 0; i < n; i++)
        {
            var j = (int)(x[last] & (uint)(n - 1));
            var chosen = v.AsSpan(j * words, words);
            for (var k = 0; k < words; k++)
            {
                x[k] ^= chosen[k];
            }

            BlockMix(x, y, r);
            (x, y) = (y, x);
        }

        for (var i = 0; i < words; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(block[(4 * i)..], x[i]);
        }
    }

    /// <summary>
    /// BlockMix with Salsa20/8 over 2r 64-byte blocks: X = B[2r−1]; X = Salsa(X ⊕ B[i]) for each i; the even-indexed
    /// results go to the first half of the output, the odd-indexed ones to the second.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BlockMix(ReadOnlySpan<uint> input, Span<uint> output, int r)
    {
        Span<uint> state = stackalloc uint[WordsPerSalsaBlock];
        input.Slice((2 * r - 1) * WordsPerSalsaBlock, WordsPerSalsaBlock).CopyTo(state);
        for (var i = 0; i < 2 * r; i++)
        {
            var block = input.Slice(i * WordsPerSalsaBlock, WordsPerSalsaBlock);
            for (var k = 0; k < WordsPerSalsaBlock; k++)
            {
                state[k] ^= block[k];
            }

            Salsa208(state);
            state.CopyTo(output.Slice(((i / 2) + ((i & 1) * r)) * WordsPerSalsaBlock, WordsPerSalsaBlock));
        }
    }

    /// <summary>The Salsa20/8 core: 4 double rounds, then the input added back word by word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Salsa208(Span<uint> b)
    {
        uint x0 = b[0], x1 = b[1], x2 = b[2], x3 = b[3], x4 = b[4], x5 = b[5], x6 = b[6], x7 = b[7];
        uint x8 = b[8], x9 = b[9], x10 = b[10], x11 = b[11], x12 = b[12], x13 = b[13], x14 = b[14], x15 = b[15];
        for (var round = 0; round < 8; round += 2)
        {
            // Columns.
            x4 ^= BitOperations.RotateLeft(x0 + x12, 7);
            x8 ^= BitOperations.RotateLeft(x4 + x0, 9);
            x12 ^= BitOperations.RotateLeft(x8 + x4, 13);
            x0 ^= BitOperations.RotateLeft(x12 + x8, 18);
            x9 ^= BitOperations.RotateLeft(x5 + x1, 7);
            x13 ^= BitOperations.RotateLeft(x9 + x5, 9);
            x1 ^= BitOperations.RotateLeft(x13 + x9, 13);
            x5 ^= BitOperations.RotateLeft(x1 + x13, 18);
            x14 ^= BitOperations.RotateLeft(x10 + x6, 7);
            x2 ^= BitOperations.RotateLeft(x14 + x10, 9);
            x6 ^= BitOperations.RotateLeft(x2 + x14, 13);
            x10 ^= BitOperations.RotateLeft(x6 + x2, 18);
            x3 ^= BitOperations.RotateLeft(x15 + x11, 7);
            x7 ^= BitOperations.RotateLeft(x3 + x15, 9);
            x11 ^= BitOperations.RotateLeft(x7 + x3, 13);
            x15 ^= BitOperations.RotateLeft(x11 + x7, 18);

            // Rows.
            x1 ^= BitOperations.RotateLeft(x0 + x3, 7);
            x2 ^= BitOperations.RotateLeft(x1 + x0, 9);
            x3 ^= BitOperations.RotateLeft(x2 + x1, 13);
            x0 ^= BitOperations.RotateLeft(x3 + x2, 18);
            x6 ^= BitOperations.RotateLeft(x5 + x4, 7);
            x7 ^= BitOperations.RotateLeft(x6 + x5, 9);
            x4 ^= BitOperations.RotateLeft(x7 + x6, 13);
            x5 ^= BitOperations.RotateLeft(x4 + x7, 18);
            x11 ^= BitOperations.RotateLeft(x10 + x9, 7);
            x8 ^= BitOperations.RotateLeft(x11 + x10, 9);
            x9 ^= BitOperations.RotateLeft(x8 + x11, 13);
            x10 ^= BitOperations.RotateLeft(x9 + x8, 18);
            x12 ^= BitOperations.RotateLeft(x15 + x14, 7);
            x13 ^= BitOperations.RotateLeft(x12 + x15, 9);
            x14 ^= BitOperations.RotateLeft(x13 + x12, 13);
            x15 ^= BitOperations.RotateLeft(x14 + x13, 18);
        }

        b[0] += x0;
        b[1] += x1;
        b[2] += x2;
        b[3] += x3;
        b[4] += x4;
        b[5] += x5;
        b[6] += x6;
        b[7] += x7;
        b[8] += x8;
        b[9] += x9;
        b[10] += x10;
        b[11] += x11;
        b[12] += x12;
        b[13] += x13;
        b[14] += x14;
        b[15] += x15;
    }
}
