using Livepeer.Crypto;

namespace Livepeer.Payments;

/// <summary>
/// The creation round and its L1 block hash that a ticket commits to; the contract uses them to
/// expire tickets (see shared spec: payments.md §2, auxData).
/// </summary>
public sealed record TicketExpirationParams(long CreationRound, Hash32 CreationRoundBlockHash)
{
    public const int AuxDataLength = 64;

    public static TicketExpirationParams Empty { get; } = new(0, Hash32.Zero);

    public long CreationRound { get; } = CreationRound >= 0
        ? CreationRound
        : throw new ArgumentOutOfRangeException(nameof(CreationRound), CreationRound, "a round number cannot be negative");

    /// <summary>go-livepeer writes no auxData only when both fields are zero; one zero is still written.</summary>
    public bool IsEmpty => CreationRound == 0 && CreationRoundBlockHash.IsZero;

    /// <summary>uint256(creationRound) ‖ creationRoundBlockHash, or empty (see <see cref="IsEmpty"/>).</summary>
    public byte[] AuxData()
    {
        var auxData = new byte[IsEmpty ? 0 : AuxDataLength];
        WriteAuxData(auxData);
        return auxData;
    }

    /// <summary>Writes <see cref="AuxData"/> into <paramref name="destination"/> and returns its length.</summary>
    internal int WriteAuxData(Span<byte> destination)
    {
        if (IsEmpty)
        {
            return 0;
        }

        BigIntegerEncoding.WriteUint256(CreationRound, destination);
        CreationRoundBlockHash.Span.CopyTo(destination[BigIntegerEncoding.Uint256Length..]);
        return AuxDataLength;
    }
}
