using System.Buffers;

namespace Livepeer.Crypto;

/// <summary>Fixed-length hex decoding shared by addresses, hashes and keys.</summary>
internal static class HexEncoding
{
    /// <summary>
    /// Decodes exactly <c>destination.Length</c> bytes from hex, with an optional 0x/0X prefix,
    /// as go-ethereum's hex helpers accept both forms.
    /// </summary>
    public static bool TryDecodeExact(ReadOnlySpan<char> text, Span<byte> destination)
    {
        if (text.Length >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
        {
            text = text[2..];
        }

        if (text.Length != destination.Length * 2)
        {
            return false;
        }

        var status = Convert.FromHexString(text, destination, out _, out var written);
        return status == OperationStatus.Done && written == destination.Length;
    }

    public static byte[] DecodeExact(string? text, int length, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = new byte[length];
        if (!TryDecodeExact(text, bytes))
        {
            throw new FormatException($"invalid {what}: expected {length * 2} hex digits with an optional 0x prefix");
        }

        return bytes;
    }

    public static string ToPrefixedLower(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);
}
