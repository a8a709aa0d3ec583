using System.Globalization;
using System.Numerics;

namespace Livepeer.Ethereum;

/// <summary>What kind of data a reverted call returned.</summary>
public enum RevertKind
{
    /// <summary>No data: <c>revert()</c>, a failed <c>require</c> without a message, or out of gas.</summary>
    NoReason,

    /// <summary><c>Error(string)</c>: a <c>require</c> or <c>revert</c> message.</summary>
    Error,

    /// <summary><c>Panic(uint256)</c>: a Solidity 0.8 checked failure such as overflow.</summary>
    Panic,

    /// <summary>A custom error (another 4-byte selector), not decoded here.</summary>
    CustomError,

    /// <summary>Data that looks like <c>Error</c> or <c>Panic</c> but does not decode, or is shorter than a selector.</summary>
    Malformed,
}

/// <summary>
/// A readable reason from a call's revert data (see shared spec: protocol-contracts.md §4). For an
/// <c>Error(string)</c> the <see cref="Message"/> is the contract's own text, so it compares equal to the
/// constants in <see cref="Protocol.TicketBrokerErrors"/>; a panic reads like <c>Panic(0x11): arithmetic overflow
/// or underflow</c>, the form the embedded ledger uses too.
/// </summary>
public sealed class RevertReason
{
    public static readonly AbiFunction ErrorFunction = AbiFunction.Parse("Error(string)");

    public static readonly AbiFunction PanicFunction = AbiFunction.Parse("Panic(uint256)");

    public const string NoReasonMessage = "reverted without a reason";

    private readonly byte[] data;

    private RevertReason(RevertKind kind, string message, BigInteger? panicCode, ReadOnlySpan<byte> data)
    {
        Kind = kind;
        Message = message;
        PanicCode = panicCode;
        this.data = data.ToArray();
    }

    public RevertKind Kind { get; }

    /// <summary>The reason to show or compare: the Error string itself, <c>Panic(0x..): …</c>, or a description.</summary>
    public string Message { get; }

    /// <summary>The panic code when <see cref="Kind"/> is <see cref="RevertKind.Panic"/>.</summary>
    public BigInteger? PanicCode { get; }

    /// <summary>The raw revert data.</summary>
    public ReadOnlySpan<byte> Data => data;

    /// <summary>Reads revert data; never throws, as it is used on error paths.</summary>
    public static RevertReason Decode(ReadOnlySpan<byte> revertData)
    {
        if (revertData.IsEmpty)
        {
            return new RevertReason(RevertKind.NoReason, NoReasonMessage, null, revertData);
        }

        if (revertData.Length < AbiFunction.SelectorLength)
        {
            return Malformed("data shorter than a selector", revertData);
        }

        var selector = revertData[..AbiFunction.SelectorLength];
        try
        {
            if (selector.SequenceEqual(ErrorFunction.Selector))
            {
                return new RevertReason(RevertKind.Error, ErrorFunction.DecodeInput(revertData).Get<string>(0), null, revertData);
            }

            if (selector.SequenceEqual(PanicFunction.Selector))
            {
                var code = PanicFunction.DecodeInput(revertData).Get<BigInteger>(0);
                return new RevertReason(RevertKind.Panic, DescribePanic(code), code, revertData);
            }
        }
        catch (FormatException e)
        {
            return Malformed(e.Message, revertData);
        }

        return new RevertReason(
            RevertKind.CustomError,
            $"reverted with custom error 0x{Convert.ToHexStringLower(selector)} and {revertData.Length - AbiFunction.SelectorLength} bytes of arguments",
            null,
            revertData);
    }

    /// <summary>
    /// <c>Panic(0x11): arithmetic overflow or underflow</c> for the codes Solidity defines, <c>Panic(0x..)</c> for
    /// any other.
    /// </summary>
    public static string DescribePanic(BigInteger code)
    {
        var hex = code.Sign >= 0 ? code.ToString("x", CultureInfo.InvariantCulture).TrimStart('0') : code.ToString(CultureInfo.InvariantCulture);
        var name = $"Panic(0x{hex.PadLeft(2, '0')})";
        var meaning = code.IsZero || code > 0xff ? null : (int)code switch
        {
            0x01 => "assertion failed",
            0x11 => "arithmetic overflow or underflow",
            0x12 => "division or modulo by zero",
            0x21 => "invalid enum value",
            0x22 => "invalid storage byte array encoding",
            0x31 => "pop on an empty array",
            0x32 => "array index out of bounds",
            0x41 => "out of memory",
            0x51 => "call to an uninitialized internal function",
            _ => null,
        };
        return code.IsZero ? name + ": generic compiler panic" : meaning is null ? name : $"{name}: {meaning}";
    }

    public override string ToString() => Message;

    private static RevertReason Malformed(string why, ReadOnlySpan<byte> data)
    {
        const int Shown = 100;
        var hex = Convert.ToHexStringLower(data[..Math.Min(data.Length, Shown)]) + (data.Length > Shown ? "…" : string.Empty);
        return new(RevertKind.Malformed, $"reverted with malformed data 0x{hex} ({why})", null, data);
    }
}
