using System.Buffers;
using System.Globalization;
using System.Numerics;
using Livepeer.Crypto;

namespace Livepeer.Ethereum;

/// <summary>
/// The two hex encodings of the Ethereum JSON-RPC API: a <em>quantity</em> is "0x" followed by the shortest hex form of a
/// non-negative integer ("0x0" for zero), and <em>data</em> is "0x" followed by two hex digits per byte ("0x" when empty).
/// </summary>
internal static class JsonRpcHex
{
    public static string FromQuantity(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "a JSON-RPC quantity cannot be negative");
        }

        // BigInteger's "x" format pads with a leading 0 digit to keep a sign bit; a quantity has no leading zeros.
        var hex = value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
        return hex.Length == 0 ? "0x0" : "0x" + hex;
    }

    public static string FromQuantity(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return "0x" + value.ToString("x", CultureInfo.InvariantCulture);
    }

    public static string FromData(ReadOnlySpan<byte> data) => HexEncoding.ToPrefixedLower(data);

    /// <summary>Parses a quantity. Leading zeros are tolerated, as some nodes send them.</summary>
    public static BigInteger ToBigInteger(string text)
    {
        var digits = StripPrefix(text, "quantity");
        if (digits.Length == 0)
        {
            throw new FormatException($"invalid JSON-RPC quantity \"{text}\": no hex digits after 0x");
        }

        // A leading 0 keeps the value unsigned: BigInteger reads "f" as -1 but "0f" as 15.
        var unsigned = string.Concat("0", digits);
        if (!BigInteger.TryParse(unsigned, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"invalid JSON-RPC quantity \"{text}\": not hex");
        }

        return value;
    }

    public static long ToInt64(string text)
    {
        var value = ToBigInteger(text);
        if (value > long.MaxValue)
        {
            throw new FormatException($"JSON-RPC quantity {text} does not fit in 63 bits");
        }

        return (long)value;
    }

    public static byte[] ToData(string text)
    {
        var digits = StripPrefix(text, "data");
        if (digits.Length % 2 != 0)
        {
            throw new FormatException($"invalid JSON-RPC data: odd number of hex digits ({digits.Length})");
        }

        var bytes = new byte[digits.Length / 2];
        var status = Convert.FromHexString(digits, bytes, out _, out var written);
        if (status != OperationStatus.Done || written != bytes.Length)
        {
            throw new FormatException("invalid JSON-RPC data: not hex");
        }

        return bytes;
    }

    private static ReadOnlySpan<char> StripPrefix(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < 2 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
        {
            throw new FormatException($"invalid JSON-RPC {what} \"{Shorten(text)}\": missing 0x prefix");
        }

        return text.AsSpan(2);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
