using System.Globalization;
using System.Numerics;

namespace Livepeer.Protocol.Ethereum;

/// <summary>
/// Amounts as operators type them: wei (an integer), or a decimal with an <c>ETH</c> or <c>LPT</c> suffix for units of
/// 10^18 (both have 18 decimals), e.g. <c>0.5ETH</c>, <c>1000 LPT</c>.
/// </summary>
public static class TokenAmount
{
    private static readonly BigInteger Unit = BigInteger.Pow(10, 18);

    /// <exception cref="FormatException">Not an amount, negative, or finer than one wei.</exception>
    public static BigInteger Parse(string text)
    {
        var value = text.Trim();
        var scaled = false;
        foreach (var suffix in new[] { "ETH", "LPT" })
        {
            if (value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                value = value[..^suffix.Length].TrimEnd();
                scaled = true;
                break;
            }
        }

        if (!scaled)
        {
            return BigInteger.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var wei)
                ? wei
                : throw new FormatException($"'{text}' is not an amount: give wei (an integer) or a number with ETH or LPT");
        }

        var parts = value.Split('.');
        if (parts.Length > 2 || parts[0].Length == 0 && (parts.Length == 1 || parts[1].Length == 0)
            || !parts.All(p => p.All(char.IsAsciiDigit)))
        {
            throw new FormatException($"'{text}' is not an amount: give wei (an integer) or a number with ETH or LPT");
        }

        var fraction = parts.Length == 2 ? parts[1] : "";
        if (fraction.Length > 18)
        {
            throw new FormatException($"'{text}' has more than 18 decimals: the smallest unit is 1 wei");
        }

        var whole = parts[0].Length == 0 ? BigInteger.Zero : BigInteger.Parse(parts[0], CultureInfo.InvariantCulture);
        var fractionWei = fraction.Length == 0 ? BigInteger.Zero : BigInteger.Parse(fraction.PadRight(18, '0'), CultureInfo.InvariantCulture);
        return (whole * Unit) + fractionWei;
    }

    /// <summary>Wei with its value in units alongside, e.g. <c>1500000000000000000 (1.5)</c>.</summary>
    public static string Format(BigInteger wei)
    {
        var whole = BigInteger.DivRem(wei, Unit, out var rest);
        var units = rest.IsZero ? whole.ToString(CultureInfo.InvariantCulture)
            : $"{whole}.{BigInteger.Abs(rest).ToString(CultureInfo.InvariantCulture).PadLeft(18, '0').TrimEnd('0')}";
        return $"{wei} ({units})";
    }
}
