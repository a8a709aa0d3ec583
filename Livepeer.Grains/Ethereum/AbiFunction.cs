using Livepeer.Crypto;

namespace Livepeer.Ethereum;

/// <summary>Solidity state mutability, as a JSON ABI states it.</summary>
public enum StateMutability
{
    NonPayable,
    Payable,
    View,
    Pure,
}

/// <summary>
/// A contract function: its canonical signature, 4-byte selector, calldata encoding and result decoding
/// (see shared spec: protocol-contracts.md §12 and Appendix A).
/// </summary>
public sealed class AbiFunction
{
    public const int SelectorLength = 4;

    private readonly byte[] selector;

    public AbiFunction(
        string name,
        IReadOnlyList<AbiParameter> inputs,
        IReadOnlyList<AbiParameter>? outputs = null,
        StateMutability stateMutability = StateMutability.NonPayable)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Any(p => p.Indexed) || outputs?.Any(p => p.Indexed) == true)
        {
            throw new ArgumentException("only event fields can be indexed", nameof(inputs));
        }

        Name = name;
        Inputs = [.. inputs];
        Outputs = outputs is null ? [] : [.. outputs];
        StateMutability = stateMutability;
        Signature = AbiParameter.Signature(name, Inputs);
        selector = Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(Signature))[..SelectorLength];
    }

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Inputs { get; }

    public IReadOnlyList<AbiParameter> Outputs { get; }

    public StateMutability StateMutability { get; }

    /// <summary>The canonical signature, e.g. <c>getSenderInfo(address)</c>.</summary>
    public string Signature { get; }

    /// <summary>The first 4 bytes of keccak256 of <see cref="Signature"/>.</summary>
    public ReadOnlySpan<byte> Selector => selector;

    /// <summary>The selector as <c>0x</c> and 8 lower-case hex digits, as the spec's tables write it.</summary>
    public string SelectorHex => "0x" + Convert.ToHexStringLower(selector);

    /// <summary>
    /// Parses <c>name(types)</c>, optionally followed by <c>returns (types)</c>; parameter names are allowed,
    /// e.g. <c>getSenderInfo(address sender) returns ((uint256,uint256),(uint256,uint256))</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is not a valid signature.</exception>
    public static AbiFunction Parse(string signature)
    {
        var (name, inputs, outputs) = AbiSignatureParser.ParseFunction(signature);
        return new AbiFunction(name, inputs, outputs);
    }

    /// <summary>Calldata: the selector followed by the encoded arguments.</summary>
    /// <remarks>
    /// To pass a single <c>object?[]</c> (one tuple or array argument), wrap it: <c>EncodeCall([ticket])</c>;
    /// otherwise C# passes its elements as the arguments.
    /// </remarks>
    /// <exception cref="AbiEncodingException">An argument does not fit its type, or the count is wrong.</exception>
    public byte[] EncodeCall(params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        CheckArgumentCount(Signature, Inputs, args);
        return AbiEncoder.Encode(selector, AbiMembers.Of(Inputs), args);
    }

    /// <summary>Decodes calldata of this function, checking its selector.</summary>
    /// <exception cref="FormatException">Another function's calldata, or malformed.</exception>
    public AbiValues DecodeInput(ReadOnlySpan<byte> calldata)
    {
        if (calldata.Length < SelectorLength || !calldata[..SelectorLength].SequenceEqual(selector))
        {
            var actual = calldata.Length < SelectorLength ? "too short for a selector" : "0x" + Convert.ToHexStringLower(calldata[..SelectorLength]);
            throw new FormatException($"calldata is not a call of {Signature} ({SelectorHex}): its selector is {actual}");
        }

        return new AbiValues(Inputs, AbiDecoder.Decode(AbiMembers.Of(Inputs), calldata[SelectorLength..]));
    }

    /// <summary>Decodes the return data of a successful call as <see cref="Outputs"/>.</summary>
    /// <exception cref="FormatException">Malformed, or empty where outputs are expected.</exception>
    public AbiValues DecodeOutput(ReadOnlySpan<byte> returnData) => DecodeOutput(returnData, Outputs);

    /// <summary>Decodes return data as <paramref name="outputTypes"/> (for a function parsed without <c>returns</c>).</summary>
    /// <exception cref="FormatException">Malformed, or empty where outputs are expected.</exception>
    public AbiValues DecodeOutput(ReadOnlySpan<byte> returnData, IReadOnlyList<AbiType> outputTypes) =>
        DecodeOutput(returnData, AbiParameter.Unnamed(outputTypes));

    public override string ToString() => Signature;

    internal static void CheckArgumentCount(string what, IReadOnlyList<AbiParameter> inputs, object?[] args)
    {
        if (args.Length != inputs.Count)
        {
            var hint = inputs.Count == 1 ? " (to pass one object?[] as the only argument, wrap it: EncodeCall([value]))" : string.Empty;
            throw new AbiEncodingException($"{what} takes {inputs.Count} arguments, got {args.Length}{hint}");
        }
    }

    private AbiValues DecodeOutput(ReadOnlySpan<byte> returnData, IReadOnlyList<AbiParameter> outputs)
    {
        // A call to an address without code succeeds with no data; say so rather than "data too short".
        if (returnData.IsEmpty && outputs.Count > 0)
        {
            throw new FormatException($"{Signature} returned no data; is there a contract at the called address?");
        }

        return new AbiValues(outputs, AbiDecoder.Decode(AbiMembers.Of(outputs), returnData));
    }
}
