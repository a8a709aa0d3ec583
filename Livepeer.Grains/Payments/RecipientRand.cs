using System.Numerics;
using System.Security.Cryptography;
using Livepeer.Crypto;

namespace Livepeer.Payments;

/// <summary>
/// O's per-params secret randomness and its commitment (see shared spec: payments.md §4).
/// </summary>
public static class RecipientRand
{
    public const int SecretLength = 32;

    private const int StackLimit = 512;

    /// <summary>
    /// HMAC-SHA256(secret, seed ‖ sender ‖ faceValue ‖ winProb ‖ expirationBlock ‖ price.Num ‖
    /// price.Denom ‖ auxData), every integer in minimal big-endian form, read back as an
    /// unsigned integer. Binding the price and face value here is what makes a misstated one
    /// fail the recipientRandHash check.
    /// </summary>
    public static BigInteger Compute(
        ReadOnlySpan<byte> secret,
        BigInteger seed,
        EthAddress sender,
        BigInteger faceValue,
        BigInteger winProb,
        long expirationBlock,
        PriceInfo price,
        TicketExpirationParams expirationParams)
    {
        var length = BigIntegerEncoding.MinimalLength(seed) + EthAddress.Length
            + BigIntegerEncoding.MinimalLength(faceValue) + BigIntegerEncoding.MinimalLength(winProb)
            + BigIntegerEncoding.MinimalLength(expirationBlock) + BigIntegerEncoding.MinimalLength(price.PricePerUnit)
            + BigIntegerEncoding.MinimalLength(price.PixelsPerUnit) + TicketExpirationParams.AuxDataLength;

        // Seeds come from the wire and may be long; only short inputs go on the stack.
        var message = length <= StackLimit ? stackalloc byte[length] : new byte[length];
        var written = BigIntegerEncoding.WriteMinimal(seed, message);
        sender.Span.CopyTo(message[written..]);
        written += EthAddress.Length;
        written += BigIntegerEncoding.WriteMinimal(faceValue, message[written..]);
        written += BigIntegerEncoding.WriteMinimal(winProb, message[written..]);
        written += BigIntegerEncoding.WriteMinimal(expirationBlock, message[written..]);
        written += BigIntegerEncoding.WriteMinimal(price.PricePerUnit, message[written..]);
        written += BigIntegerEncoding.WriteMinimal(price.PixelsPerUnit, message[written..]);
        written += expirationParams.WriteAuxData(message[written..]);

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(secret, message[..written], mac);
        return BigIntegerEncoding.FromUnsigned(mac);
    }

    /// <summary>recipientRandHash = keccak256(pad32(recipientRand)).</summary>
    public static Hash32 Hash(BigInteger recipientRand) =>
        Hash32.TakeOwnership(Keccak256.Hash(BigIntegerEncoding.ToUint256Bytes(recipientRand)));
}
