using System.Buffers.Binary;

namespace Livepeer.Storage;

/// <summary>
/// The bytes of one state file: a small header, the identity it belongs to, and the serialised state.
/// Pure encoding, no I/O.
/// </summary>
/// <remarks>
/// <code>
/// offset  size  field
///      0     4  magic "LPGS"
///      4     2  format version (1), little-endian
///      6     2  reserved (0)
///      8     8  state version (the ETag), little-endian int64, starts at 1
///     16     4  identity length N
///     20     N  identity (see StateFileLocation.Identity)
///   20+N     4  payload length M
///   24+N     M  payload (Orleans binary serializer)
/// </code>
/// The file must end exactly after the payload. Writes are atomic (temp file + rename), so a short or
/// overlong file means outside damage, and reading it fails loudly instead of yielding a default state
/// that would silently replace, say, a ledger.
/// </remarks>
internal static class StateFileFormat
{
    private const uint Magic = 0x5347504C; // "LPGS" read as little-endian uint32
    private const ushort FormatVersion = 1;
    private const int FixedHeaderLength = 20;

    public static byte[] Encode(long version, ReadOnlySpan<byte> identity, ReadOnlySpan<byte> payload)
    {
        var bytes = new byte[FixedHeaderLength + identity.Length + 4 + payload.Length];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], FormatVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], version);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], identity.Length);
        identity.CopyTo(span[FixedHeaderLength..]);
        var payloadAt = FixedHeaderLength + identity.Length;
        BinaryPrimitives.WriteInt32LittleEndian(span[payloadAt..], payload.Length);
        payload.CopyTo(span[(payloadAt + 4)..]);
        return bytes;
    }

    /// <summary>Parses a state file; throws <see cref="InvalidDataException"/> if it is not one, whole.</summary>
    public static (long Version, ReadOnlyMemory<byte> Identity, ReadOnlyMemory<byte> Payload) Decode(ReadOnlyMemory<byte> file)
    {
        var span = file.Span;
        if (span.Length < FixedHeaderLength || BinaryPrimitives.ReadUInt32LittleEndian(span) != Magic)
        {
            throw new InvalidDataException("Not a grain state file (bad magic or too short).");
        }

        var format = BinaryPrimitives.ReadUInt16LittleEndian(span[4..]);
        if (format != FormatVersion)
        {
            throw new InvalidDataException($"Unsupported grain state file format {format}.");
        }

        var version = BinaryPrimitives.ReadInt64LittleEndian(span[8..]);
        var identityLength = BinaryPrimitives.ReadInt32LittleEndian(span[16..]);
        if (version < 1 || identityLength < 0 || identityLength > span.Length - FixedHeaderLength - 4)
        {
            throw new InvalidDataException("Grain state file header is damaged.");
        }

        var payloadAt = FixedHeaderLength + identityLength;
        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(span[payloadAt..]);
        if (payloadLength < 0 || payloadLength != span.Length - payloadAt - 4)
        {
            throw new InvalidDataException("Grain state file is truncated or has trailing bytes.");
        }

        return (version, file.Slice(FixedHeaderLength, identityLength), file.Slice(payloadAt + 4, payloadLength));
    }
}
