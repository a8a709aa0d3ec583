using System.Numerics;
using Livepeer.Crypto;

namespace Livepeer.Ethereum;

/// <summary>
/// An EIP-1559 fee-market transaction, type 0x02: 0x02 ‖ rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas,
/// gasLimit, to, value, data, accessList, yParity, r, s]), the signature covering the same without the last three.
/// go-livepeer sends these whenever the head block has a base fee (see shared spec: protocol-contracts.md §15.4).
/// </summary>
public sealed record Eip1559Transaction : Transaction
{
    private readonly IReadOnlyList<AccessListEntry> accessList = [];

    public override TransactionType Type => TransactionType.DynamicFee;

    /// <summary>The tip: wei per gas paid to the block producer on top of the base fee.</summary>
    public required BigInteger MaxPriorityFeePerGas { get; init; }

    /// <summary>The fee cap: the most wei per gas paid in all, base fee included.</summary>
    public required BigInteger MaxFeePerGas { get; init; }

    /// <summary>EIP-2930 access list; empty unless given. Copied on assignment.</summary>
    public IReadOnlyList<AccessListEntry> AccessList
    {
        get => accessList;
        init => accessList = [.. value];
    }

    public bool Equals(Eip1559Transaction? other) =>
        base.Equals(other)
        && MaxPriorityFeePerGas == other.MaxPriorityFeePerGas
        && MaxFeePerGas == other.MaxFeePerGas
        && AccessList.SequenceEqual(other.AccessList);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), MaxPriorityFeePerGas, MaxFeePerGas, AccessList.Count);

    internal override byte[] EncodeForSigning() => Typed(Rlp.EncodeList(EncodeFields()));

    internal override byte[] EncodeSigned(EcdsaSignature signature)
    {
        var (r, s) = EncodeRS(signature);
        return Typed(Rlp.EncodeList([.. EncodeFields(), Rlp.EncodeInteger((ulong)signature.RecoveryId), r, s]));
    }

    private static byte[] Typed(byte[] payload) => [(byte)TransactionType.DynamicFee, .. payload];

    private byte[][] EncodeFields() =>
    [
        Rlp.EncodeInteger(ChainId),
        Rlp.EncodeInteger(Nonce),
        EncodeUint256(MaxPriorityFeePerGas, nameof(MaxPriorityFeePerGas)),
        EncodeUint256(MaxFeePerGas, nameof(MaxFeePerGas)),
        Rlp.EncodeInteger(GasLimit),
        EncodeTo(),
        EncodeUint256(Value, nameof(Value)),
        EncodeData(),
        Rlp.EncodeList([.. AccessList.Select(entry => entry.Encode())]),
    ];
}
