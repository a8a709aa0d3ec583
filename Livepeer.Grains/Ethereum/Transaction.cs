using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;

namespace Livepeer.Ethereum;

/// <summary>The EIP-2718 transaction types this node signs, by go-ethereum's names.</summary>
public enum TransactionType : byte
{
    /// <summary>Untyped, signed per EIP-155 with the chain id folded into v.</summary>
    Legacy = 0x00,

    /// <summary>EIP-1559 fee-market transaction, type 0x02.</summary>
    DynamicFee = 0x02,
}

/// <summary>
/// An unsigned Ethereum transaction: the fields every type shares. A node builds one per contract call, signs it with
/// <see cref="Sign(EthKey)"/> and sends the raw bytes with <c>eth_sendRawTransaction</c>; a replacement (same nonce,
/// higher fees) is a <c>with</c> copy (see shared spec: protocol-contracts.md §15.4, network.md §16.4).
/// </summary>
/// <remarks>
/// Records for the <c>with</c> copies; equality is by value, <see cref="Data"/> included. Integers are uint256 on the
/// wire: a larger or negative value is refused when the transaction is encoded.
/// </remarks>
public abstract record Transaction
{
    private readonly ReadOnlyMemory<byte> data = ReadOnlyMemory<byte>.Empty;

    private protected Transaction()
    {
    }

    public abstract TransactionType Type { get; }

    /// <summary>EIP-155 chain id: 42161 on Arbitrum One.</summary>
    public required ulong ChainId { get; init; }

    public required ulong Nonce { get; init; }

    public required ulong GasLimit { get; init; }

    /// <summary>The recipient, or null for a contract creation.</summary>
    public EthAddress? To { get; init; }

    /// <summary>Wei sent with the call.</summary>
    public BigInteger Value { get; init; }

    /// <summary>Call data (ABI-encoded) or init code; copied on assignment so the record stays immutable.</summary>
    public ReadOnlyMemory<byte> Data
    {
        get => data;
        init => data = value.ToArray();
    }

    /// <summary>keccak256 of the bytes a signature covers.</summary>
    public Hash32 SigningHash() => Hash32.TakeOwnership(Keccak256.Hash(EncodeForSigning()));

    /// <summary>Signs with <paramref name="key"/> through <see cref="Secp256k1Backend.Current"/>.</summary>
    public SignedTransaction Sign(EthKey key) => Sign(key, Secp256k1Backend.Current);

    /// <summary>Signs through a given backend; every backend produces the same bytes.</summary>
    public SignedTransaction Sign(EthKey key, Secp256k1Backend backend)
    {
        ArgumentNullException.ThrowIfNull(key);
        var signature = key.SignDigest(SigningHash().Span, backend);
        return new SignedTransaction(this, signature, EncodeSigned(signature));
    }

    public virtual bool Equals(Transaction? other) =>
        other is not null
        && EqualityContract == other.EqualityContract
        && ChainId == other.ChainId
        && Nonce == other.Nonce
        && GasLimit == other.GasLimit
        && To == other.To
        && Value == other.Value
        && Data.Span.SequenceEqual(other.Data.Span);

    public override int GetHashCode() => HashCode.Combine(EqualityContract, ChainId, Nonce, GasLimit, To, Value, Data.Length);

    /// <summary>The bytes whose keccak256 is signed.</summary>
    internal abstract byte[] EncodeForSigning();

    /// <summary>The raw signed transaction, as <c>eth_sendRawTransaction</c> takes it.</summary>
    internal abstract byte[] EncodeSigned(EcdsaSignature signature);

    private protected static byte[] EncodeUint256(BigInteger value, string name) =>
        Rlp.EncodeInteger(BigIntegerEncoding.RequireUint256(value, name));

    private protected byte[] EncodeTo() => Rlp.EncodeBytes(To is null ? [] : To.Span);

    private protected byte[] EncodeData() => Rlp.EncodeBytes(Data.Span);

    /// <summary>r and s as RLP integers: minimal bytes, as go-ethereum stores them in big.Int fields.</summary>
    private protected static (byte[] R, byte[] S) EncodeRS(EcdsaSignature signature) =>
        (Rlp.EncodeInteger(signature.RValue), Rlp.EncodeInteger(signature.SValue));
}
