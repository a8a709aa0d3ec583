using System.Numerics;
using Livepeer.Crypto;

namespace Livepeer.Ethereum;

/// <summary>
/// An untyped transaction with one gas price, replay-protected per EIP-155: the signature covers
/// rlp([nonce, gasPrice, gasLimit, to, value, data, chainId, 0, 0]) and v = recoveryId + chainId·2 + 35.
/// go-livepeer sends these when the chain has no base fee (see shared spec: protocol-contracts.md §15.4).
/// </summary>
public sealed record LegacyTransaction : Transaction
{
    public override TransactionType Type => TransactionType.Legacy;

    public required BigInteger GasPrice { get; init; }

    /// <summary>EIP-155's v for a recovery id on <paramref name="chainId"/>.</summary>
    public static BigInteger EncodeV(int recoveryId, ulong chainId) => recoveryId + (new BigInteger(chainId) * 2) + 35;

    internal override byte[] EncodeForSigning() => Rlp.EncodeList(
        [.. EncodeFields(), Rlp.EncodeInteger(ChainId), Rlp.EncodeInteger(0UL), Rlp.EncodeInteger(0UL)]);

    internal override byte[] EncodeSigned(EcdsaSignature signature)
    {
        var (r, s) = EncodeRS(signature);
        return Rlp.EncodeList([.. EncodeFields(), Rlp.EncodeInteger(EncodeV(signature.RecoveryId, ChainId)), r, s]);
    }

    private byte[][] EncodeFields() =>
    [
        Rlp.EncodeInteger(Nonce),
        EncodeUint256(GasPrice, nameof(GasPrice)),
        Rlp.EncodeInteger(GasLimit),
        EncodeTo(),
        EncodeUint256(Value, nameof(Value)),
        EncodeData(),
    ];
}
