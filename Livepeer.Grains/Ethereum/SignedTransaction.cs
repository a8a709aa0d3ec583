using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using Livepeer.Crypto;

namespace Livepeer.Ethereum;

/// <summary>
/// A signed transaction: its raw bytes for <c>eth_sendRawTransaction</c>, its hash (keccak256 of those bytes, the id
/// every node and explorer uses) and the signature. Made by <see cref="Transaction.Sign(EthKey)"/> or read back from
/// raw bytes by <see cref="Decode"/>.
/// </summary>
public sealed class SignedTransaction
{
    private readonly byte[] raw;

    internal SignedTransaction(Transaction transaction, EcdsaSignature signature, byte[] raw)
    {
        Transaction = transaction;
        Signature = signature;
        this.raw = raw;
        Hash = Hash32.TakeOwnership(Keccak256.Hash(raw));
    }

    public Transaction Transaction { get; }

    public EcdsaSignature Signature { get; }

    public Hash32 Hash { get; }

    /// <summary>v as it is on the wire: recoveryId + chainId·2 + 35 for legacy, yParity (0 or 1) for typed ones.</summary>
    public BigInteger V => Transaction is LegacyTransaction
        ? LegacyTransaction.EncodeV(Signature.RecoveryId, Transaction.ChainId)
        : Signature.RecoveryId;

    public ReadOnlySpan<byte> Raw => raw;

    public byte[] ToArray() => (byte[])raw.Clone();

    /// <summary>0x-prefixed lower-case hex, the parameter of <c>eth_sendRawTransaction</c>.</summary>
    public string ToHex() => HexEncoding.ToPrefixedLower(raw);

    /// <summary>
    /// Reads a raw signed transaction: a legacy EIP-155 one (first byte ≥ 0xc0) or an EIP-1559 one (0x02 ‖ rlp).
    /// Throws <see cref="FormatException"/> for other types, pre-EIP-155 legacy signatures (v = 27/28, no chain id),
    /// and anything that is not canonical RLP with exactly the type's fields. The signature is not checked here:
    /// see <see cref="TryRecoverSender"/>.
    /// </summary>
    public static SignedTransaction Decode(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty)
        {
            throw new FormatException("transaction: empty input");
        }

        // EIP-2718: a first byte in [0xc0, 0xff] is an RLP list, i.e. a legacy transaction; below 0x80 a type byte.
        if (raw[0] >= 0xc0)
        {
            return DecodeLegacy(raw);
        }

        if (raw[0] == (byte)TransactionType.DynamicFee)
        {
            return DecodeEip1559(raw);
        }

        throw new FormatException($"transaction: unsupported type 0x{raw[0]:x2}");
    }

    /// <summary>Decodes 0x-prefixed (or bare) hex, as <c>eth_getRawTransactionByHash</c> returns it.</summary>
    public static SignedTransaction Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex.AsSpan(2) : hex.AsSpan();
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(digits);
        }
        catch (FormatException)
        {
            throw new FormatException("transaction: invalid hex");
        }

        return Decode(bytes);
    }

    /// <summary>Recovers the sender from the signature over <see cref="Transaction.SigningHash"/>.</summary>
    public SignatureCheck TryRecoverSender([NotNullWhen(true)] out EthAddress? sender) =>
        EthSignature.TryRecoverDigest(Transaction.SigningHash().Span, Signature, out sender);

    /// <summary>The sender; throws <see cref="FormatException"/> when the signature yields none.</summary>
    public EthAddress RecoverSender()
    {
        var check = TryRecoverSender(out var sender);
        return sender ?? throw new FormatException($"transaction signature: {check.Describe()}");
    }

    public override string ToString() => $"{Transaction.Type} transaction {Hash}";

    private static SignedTransaction DecodeLegacy(ReadOnlySpan<byte> raw)
    {
        var fields = Rlp.Decode(raw).ReadList("legacy transaction", 9);
        var v = fields[6].ReadBigInteger("v");
        if (v < 35)
        {
            throw new FormatException($"transaction: v = {v} has no EIP-155 chain id (pre-EIP-155 signatures are not supported)");
        }

        var chainId = (v - 35) / 2;
        if (chainId > ulong.MaxValue)
        {
            throw new FormatException("transaction: chain id does not fit in 64 bits");
        }

        var transaction = new LegacyTransaction
        {
            ChainId = (ulong)chainId,
            Nonce = fields[0].ReadUInt64("nonce"),
            GasPrice = fields[1].ReadBigInteger("gasPrice"),
            GasLimit = fields[2].ReadUInt64("gasLimit"),
            To = fields[3].ReadOptionalAddress("to"),
            Value = fields[4].ReadBigInteger("value"),
            Data = fields[5].ReadBytes("data"),
        };
        var recoveryId = (int)((v - 35) % 2);
        var signature = EcdsaSignature.FromRS(fields[7].ReadBigInteger("r"), fields[8].ReadBigInteger("s"), recoveryId);
        return new SignedTransaction(transaction, signature, raw.ToArray());
    }

    private static SignedTransaction DecodeEip1559(ReadOnlySpan<byte> raw)
    {
        var fields = Rlp.Decode(raw[1..]).ReadList("EIP-1559 transaction", 12);
        var transaction = new Eip1559Transaction
        {
            ChainId = fields[0].ReadUInt64("chainId"),
            Nonce = fields[1].ReadUInt64("nonce"),
            MaxPriorityFeePerGas = fields[2].ReadBigInteger("maxPriorityFeePerGas"),
            MaxFeePerGas = fields[3].ReadBigInteger("maxFeePerGas"),
            GasLimit = fields[4].ReadUInt64("gasLimit"),
            To = fields[5].ReadOptionalAddress("to"),
            Value = fields[6].ReadBigInteger("value"),
            Data = fields[7].ReadBytes("data"),
            AccessList = [.. fields[8].ReadList("accessList").Select(AccessListEntry.Decode)],
        };
        var yParity = fields[9].ReadUInt64("yParity");
        if (yParity > 1)
        {
            throw new FormatException($"transaction: yParity = {yParity}, expected 0 or 1");
        }

        var signature = EcdsaSignature.FromRS(fields[10].ReadBigInteger("r"), fields[11].ReadBigInteger("s"), (int)yParity);
        return new SignedTransaction(transaction, signature, raw.ToArray());
    }
}
