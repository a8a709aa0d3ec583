using System.Numerics;
using Livepeer.Crypto;

namespace Livepeer.Grains.Tests.Ethereum;

/// <summary>Hex and word helpers for ABI layout assertions.</summary>
internal static class AbiTestHex
{
    /// <summary>Bytes from hex written across lines, with an optional 0x prefix.</summary>
    public static byte[] Bytes(string hex)
    {
        var digits = string.Concat(hex.Where(c => !char.IsWhiteSpace(c)));
        return Convert.FromHexString(digits.StartsWith("0x", StringComparison.Ordinal) ? digits[2..] : digits);
    }

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>The 32-byte word at <paramref name="offset"/>.</summary>
    public static ReadOnlySpan<byte> Word(byte[] data, int offset) => data.AsSpan(offset, 32);

    public static BigInteger WordValue(byte[] data, int offset) => new(Word(data, offset), isUnsigned: true, isBigEndian: true);

    public static byte[] Uint(BigInteger value) => Livepeer.Payments.BigIntegerEncoding.ToUint256Bytes(value);

    public static byte[] Padded(EthAddress address) => [.. new byte[12], .. address.Span];

    public static EthAddress Address(string hex) => EthAddress.Parse(hex);

    public static byte[] Fill(byte value, int count) => Enumerable.Repeat(value, count).ToArray();
}
