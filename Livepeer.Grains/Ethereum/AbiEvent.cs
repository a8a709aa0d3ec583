using System.Text;
using Livepeer.Crypto;

namespace Livepeer.Ethereum;

/// <summary>
/// A contract event: topic0 is keccak256 of the canonical signature; indexed fields sit in <c>topics[1..]</c>,
/// the others are ABI-encoded in the log data (see shared spec: protocol-contracts.md §12 and Appendix B).
/// </summary>
public sealed class AbiEvent
{
    public AbiEvent(string name, IReadOnlyList<AbiParameter> parameters, bool anonymous = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(parameters);
        var indexed = parameters.Count(p => p.Indexed);
        if (indexed > (anonymous ? 4 : 3))
        {
            throw new ArgumentException($"event {name} has {indexed} indexed fields; a log has room for {(anonymous ? 4 : 3)}", nameof(parameters));
        }

        Name = name;
        Parameters = [.. parameters];
        Anonymous = anonymous;
        Signature = AbiParameter.Signature(name, Parameters);
        Topic0 = Hash32.FromBytes(Keccak256.Hash(Encoding.UTF8.GetBytes(Signature)));
        DataParameters = [.. Parameters.Where(p => !p.Indexed)];
        IndexedCount = indexed;
    }

    public string Name { get; }

    /// <summary>All fields in declaration order, indexed or not.</summary>
    public IReadOnlyList<AbiParameter> Parameters { get; }

    /// <summary>An anonymous event has no topic0; its logs carry only the indexed fields.</summary>
    public bool Anonymous { get; }

    /// <summary>The canonical signature, e.g. <c>Transfer(address,address,uint256)</c>.</summary>
    public string Signature { get; }

    /// <summary>keccak256 of <see cref="Signature"/>: the first topic of every log of this event.</summary>
    public Hash32 Topic0 { get; }

    private IReadOnlyList<AbiParameter> DataParameters { get; }

    private int IndexedCount { get; }

    /// <summary>
    /// Parses <c>Name(type [indexed] [name],…)</c>, optionally followed by <c>anonymous</c>, e.g.
    /// <c>Transfer(address indexed from, address indexed to, uint256 value)</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is not a valid event signature.</exception>
    public static AbiEvent Parse(string signature)
    {
        var (name, parameters, anonymous) = AbiSignatureParser.ParseEvent(signature);
        return new AbiEvent(name, parameters, anonymous);
    }

    /// <summary>
    /// The topic that an indexed field with this value carries, for log filters: the value's word for an
    /// integer, address, bool or bytesN; keccak256 of the contents for <c>string</c> and <c>bytes</c>.
    /// </summary>
    /// <exception cref="AbiEncodingException">The value does not fit the type.</exception>
    /// <exception cref="NotSupportedException">An array or tuple, whose topic is the hash of an encoding this codec does not produce.</exception>
    public static Hash32 EncodeTopic(AbiType type, object? value)
    {
        ArgumentNullException.ThrowIfNull(type);
        switch (type)
        {
            case AbiStringType:
                return Hash32.FromBytes(Keccak256.Hash(Encoding.UTF8.GetBytes(value as string ?? throw new AbiEncodingException($"{type} needs a string"))));
            case AbiBytesType:
                return Hash32.FromBytes(Keccak256.Hash(value as byte[] ?? throw new AbiEncodingException($"{type} needs a byte[]")));
            case AbiArrayType or AbiTupleType:
                throw new NotSupportedException($"the topic of an indexed {type} is the hash of its in-place encoding, which is not implemented");
            default:
                var word = new byte[AbiType.WordSize];
                AbiEncoder.WriteElementary(word, type, value);
                return Hash32.FromBytes(word);
        }
    }

    /// <summary>
    /// Decodes a log of this event. Indexed integers, addresses, bools and bytesN come back as values; indexed
    /// strings, bytes, arrays and tuples only as the <see cref="Hash32"/> the topic holds, as the log keeps no more.
    /// </summary>
    /// <exception cref="FormatException">Not a log of this event (topic0 or topic count), or malformed data.</exception>
    public AbiValues Decode(IReadOnlyList<Hash32> topics, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var first = Anonymous ? 0 : 1;
        if (topics.Count != IndexedCount + first)
        {
            throw new FormatException($"a log of {Signature} has {IndexedCount + first} topics, got {topics.Count}");
        }

        if (!Anonymous && topics[0] != Topic0)
        {
            throw new FormatException($"log topic0 {topics[0]} is not {Signature} ({Topic0})");
        }

        object?[] dataValues;
        try
        {
            dataValues = AbiDecoder.Decode(AbiMembers.Of(DataParameters), data);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{Signature} log data: {e.Message}", e);
        }

        var values = new object?[Parameters.Count];
        int topic = first, next = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var type = Parameters[i].Type;
            values[i] = !Parameters[i].Indexed ? dataValues[next++]
                : type is AbiIntegerType or AbiAddressType or AbiBoolType or AbiFixedBytesType
                    ? DecodeTopic(type, topics[topic++], i)
                    : topics[topic++];
        }

        return new AbiValues(Parameters, values);
    }

    public override string ToString() => Signature;

    private object DecodeTopic(AbiType type, Hash32 topic, int index)
    {
        try
        {
            return AbiDecoder.DecodeElementary(type, topic.Span);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{Signature}: indexed field {index} ({Parameters[index]}): {e.Message}", e);
        }
    }
}
