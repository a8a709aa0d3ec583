using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Ethereum;

namespace Livepeer.Grains.Tests.Ethereum;

/// <summary>
/// Transaction signing: EIP-155's published example, an EIP-1559 transaction for Arbitrum One (chain id 42161) signed,
/// decoded and its sender recovered, and strict decoding of raw transactions.
/// </summary>
public class TransactionTests
{
    private const ulong ArbitrumOne = 42161;

    // EIP-155's example (https://eips.ethereum.org/EIPS/eip-155, "Example").
    private static readonly EthKey Eip155Key = EthKey.FromHex("0x4646464646464646464646464646464646464646464646464646464646464646");
    private const string Eip155SigningData = "ec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080";
    private const string Eip155SigningHash = "0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53";
    private const string Eip155SignedTx = "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a7640000"
        + "8025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";

    private static readonly EthKey Key = EthKey.FromHex("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    private static readonly EthAddress TicketBroker = EthAddress.Parse("0xa8bB618B1520E284046F3dFc448851A1Ff26e41B");

    private static LegacyTransaction Eip155Transaction => new()
    {
        ChainId = 1,
        Nonce = 9,
        GasPrice = 20_000_000_000,
        GasLimit = 21000,
        To = EthAddress.Parse("0x3535353535353535353535353535353535353535"),
        Value = BigInteger.Pow(10, 18),
    };

    private static Eip1559Transaction ArbitrumCall => new()
    {
        ChainId = ArbitrumOne,
        Nonce = 7,
        MaxPriorityFeePerGas = 1_000_000,
        MaxFeePerGas = 200_000_000,
        GasLimit = 350_000,
        To = TicketBroker,
        Value = 0,
        Data = Convert.FromHexString("ec8b3cb6" + new string('0', 56) + "2a"), // a selector and one word of arguments
    };

    [Fact]
    public void Legacy_transaction_reproduces_the_EIP_155_example()
    {
        var transaction = Eip155Transaction;

        Assert.Equal(Eip155SigningData, Convert.ToHexStringLower(transaction.EncodeForSigning()));
        Assert.Equal(Hash32.Parse(Eip155SigningHash), transaction.SigningHash());

        var signed = transaction.Sign(Eip155Key);

        Assert.Equal(Eip155SignedTx, signed.ToHex());
        Assert.Equal(new BigInteger(37), signed.V);
        Assert.Equal(Hash32.FromBytes(Keccak256.Hash(signed.Raw)), signed.Hash);
        Assert.Equal(Eip155Key.Address, signed.RecoverSender());
    }

    [Fact]
    public void Every_available_backend_signs_the_same_raw_transactions()
    {
        foreach (var backend in AvailableBackends())
        {
            Assert.Equal(Eip155SignedTx, Eip155Transaction.Sign(Eip155Key, backend).ToHex());
            Assert.Equal(ArbitrumCall.Sign(Key, Secp256k1Backend.BouncyCastle).ToHex(), ArbitrumCall.Sign(Key, backend).ToHex());
        }
    }

    [Fact]
    public void EIP_155_raw_transaction_decodes_to_its_fields_and_sender()
    {
        var decoded = SignedTransaction.Parse(Eip155SignedTx);

        Assert.Equal(Eip155Transaction, decoded.Transaction);
        Assert.Equal(TransactionType.Legacy, decoded.Transaction.Type);
        Assert.Equal(Eip155Key.Address, decoded.RecoverSender());
        Assert.Equal(EthAddress.Parse("0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F"), decoded.RecoverSender());
        Assert.Equal(Eip155SignedTx, decoded.ToHex());
    }

    [Fact]
    public void EIP_1559_transaction_for_Arbitrum_signs_decodes_and_recovers_its_sender()
    {
        var transaction = ArbitrumCall;
        var signed = transaction.Sign(Key);

        Assert.Equal(0x02, signed.Raw[0]);
        Assert.Equal(signed.Signature.RecoveryId, (int)signed.V);

        var decoded = SignedTransaction.Decode(signed.Raw);

        Assert.Equal(transaction, decoded.Transaction);
        Assert.Equal(TransactionType.DynamicFee, decoded.Transaction.Type);
        Assert.Equal(ArbitrumOne, decoded.Transaction.ChainId);
        Assert.Equal(signed.Hash, decoded.Hash);
        Assert.Equal(signed.Signature, decoded.Signature);
        Assert.Equal(Key.Address, decoded.RecoverSender());
        Assert.Equal(SignatureCheck.Valid, decoded.TryRecoverSender(out var sender));
        Assert.Equal(Key.Address, sender);
    }

    [Fact]
    public void EIP_1559_encoding_matches_a_published_vector()
    {
        // Nethereum's EIP-1559 signing scenarios (https://gist.github.com/juanfranblanco/4cc998247aecd822d6088e382d94a6f1),
        // first case: chain id 1559, nonce 0, tip 3, fee cap 4, gas 3500, no recipient, value 10, no data.
        var key = EthKey.FromHex("0xb5b1870957d373ef0eeffecc6e4812c0fd08f554b37b233526acc331bf1544f7");
        var transaction = new Eip1559Transaction
        {
            ChainId = 1559,
            Nonce = 0,
            MaxPriorityFeePerGas = 3,
            MaxFeePerGas = 4,
            GasLimit = 3500,
            Value = 10,
        };

        Assert.Equal("02cd820617800304820dac800a80c0", Convert.ToHexStringLower(transaction.EncodeForSigning()));
        Assert.Equal(
            "0x02f850820617800304820dac800a80c080a0de12484b58bd47130bf9964740b4d68e42bcbbbc39b2eed5b917f0ae66f5e630"
            + "a01b0d7aa6a810d63c25c115ef217e37023bbe3146b9bb1fe580d004d6432f7f32",
            transaction.Sign(key).ToHex());
    }

    [Fact]
    public void Access_lists_and_contract_creations_round_trip()
    {
        var withAccessList = ArbitrumCall with
        {
            AccessList =
            [
                new AccessListEntry(TicketBroker, [Hash32.Zero, Hash32.FromBytes(Keccak256.Hash("slot"u8))]),
                new AccessListEntry(Key.Address, []),
            ],
        };
        var creation = ArbitrumCall with { To = null, Data = new byte[300] };
        var legacyCreation = Eip155Transaction with { ChainId = ArbitrumOne, To = null, Data = new byte[] { 0x60, 0x00 } };

        foreach (var transaction in new Transaction[] { withAccessList, creation, legacyCreation })
        {
            var signed = transaction.Sign(Key);
            var decoded = SignedTransaction.Decode(signed.Raw);

            Assert.Equal(transaction, decoded.Transaction);
            Assert.Equal(signed.ToHex(), decoded.ToHex());
            Assert.Equal(Key.Address, decoded.RecoverSender());
        }

        // An empty access list is still encoded, as the empty list 0xc0 before yParity.
        Assert.EndsWith("c0", Convert.ToHexStringLower(ArbitrumCall.EncodeForSigning()));
        Assert.NotEqual(ArbitrumCall.SigningHash(), withAccessList.SigningHash());
    }

    [Fact]
    public void Legacy_v_carries_the_chain_id()
    {
        var signed = (Eip155Transaction with { ChainId = ArbitrumOne }).Sign(Key);

        Assert.Equal((ArbitrumOne * 2) + 35 + (ulong)signed.Signature.RecoveryId, (ulong)signed.V);
        var decoded = SignedTransaction.Decode(signed.Raw);
        Assert.Equal(ArbitrumOne, decoded.Transaction.ChainId);
        Assert.Equal(Key.Address, decoded.RecoverSender());

        // The same signature replayed on another chain recovers someone else, if anyone.
        var otherChain = SignedTransaction.Decode((Eip155Transaction with { ChainId = 1 }).EncodeSigned(signed.Signature));
        Assert.NotEqual(Key.Address, otherChain.TryRecoverSender(out var other) == SignatureCheck.Valid ? other : null);
    }

    [Fact]
    public void Replacement_changes_fees_and_keeps_the_nonce()
    {
        // A replacement raises fee cap and tip by 11 %, rounded up (see shared spec: protocol-contracts.md §15.4).
        var original = ArbitrumCall;
        var replacement = original with
        {
            MaxFeePerGas = ((original.MaxFeePerGas * 111) + 99) / 100,
            MaxPriorityFeePerGas = ((original.MaxPriorityFeePerGas * 111) + 99) / 100,
        };

        Assert.Equal(original.Nonce, replacement.Nonce);
        Assert.Equal(original.Data.ToArray(), replacement.Data.ToArray());
        Assert.NotEqual(original, replacement);
        Assert.NotEqual(original.Sign(Key).Hash, replacement.Sign(Key).Hash);
    }

    [Fact]
    public void Equality_compares_data_by_value_and_copies_it()
    {
        var data = new byte[] { 1, 2, 3 };
        var first = ArbitrumCall with { Data = data };
        var second = ArbitrumCall with { Data = new byte[] { 1, 2, 3 } };
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());

        data[0] = 9;
        Assert.Equal(1, first.Data.Span[0]);
        Assert.NotEqual<Transaction>(first, Eip155Transaction);
    }

    [Fact]
    public void Values_beyond_uint256_are_refused_when_signing()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => (ArbitrumCall with { Value = BigInteger.One << 256 }).Sign(Key));
        Assert.Throws<ArgumentOutOfRangeException>(() => (ArbitrumCall with { MaxFeePerGas = -1 }).SigningHash());
        Assert.Throws<ArgumentOutOfRangeException>(() => (Eip155Transaction with { GasPrice = -1 }).SigningHash());
    }

    [Theory]
    [InlineData("", "empty input")]
    [InlineData("01c0", "unsupported type 0x01")]        // EIP-2930: not sent by this node
    [InlineData("03c0", "unsupported type 0x03")]
    [InlineData("02", "ends where an item should start")]
    [InlineData("02c0", "expected 12 items, got 0")]
    [InlineData("c0", "expected 9 items, got 0")]
    public void Malformed_raw_transactions_are_rejected(string hex, string reason)
    {
        Assert.Contains(reason, Assert.Throws<FormatException>(() => SignedTransaction.Decode(Convert.FromHexString(hex))).Message);
    }

    [Fact]
    public void Non_canonical_fields_are_rejected()
    {
        var fields = Rlp.Decode(Convert.FromHexString(Eip155SignedTx[2..])).Items.Select(Rlp.Encode).ToArray();

        // Nonce 9 written with a leading zero byte.
        Assert.Contains("nonce: non-canonical integer", Reject(Rlp.EncodeList(With(fields, 0, Rlp.EncodeBytes([0x00, 0x09])))));

        // A 19-byte recipient.
        Assert.Contains("to: expected 20 bytes or none", Reject(Rlp.EncodeList(With(fields, 3, Rlp.EncodeBytes(new byte[19])))));

        // v = 27: a pre-EIP-155 signature without a chain id.
        Assert.Contains("pre-EIP-155", Reject(Rlp.EncodeList(With(fields, 6, Rlp.EncodeInteger(27UL)))));

        // r of 33 bytes.
        Assert.Contains("r: integer of 33 bytes", Reject(Rlp.EncodeList(With(fields, 7, Rlp.EncodeBytes([0x01, .. new byte[32]])))));

        // A trailing byte after the list.
        Assert.Contains("trailing", Reject([.. Rlp.EncodeList(fields), 0x00]));

        // EIP-1559 with yParity 2.
        var typed = Rlp.Decode(ArbitrumCall.Sign(Key).Raw[1..]).Items.Select(Rlp.Encode).ToArray();
        Assert.Contains("yParity = 2", Reject([0x02, .. Rlp.EncodeList(With(typed, 9, Rlp.EncodeInteger(2UL)))]));
    }

    [Fact]
    public void High_s_signatures_decode_but_yield_no_sender()
    {
        var signed = Eip155Transaction.Sign(Eip155Key);
        var n = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);
        var twin = EcdsaSignature.FromRS(signed.Signature.RValue, n - signed.Signature.SValue, signed.Signature.RecoveryId ^ 1);

        var decoded = SignedTransaction.Decode(Eip155Transaction.EncodeSigned(twin));

        Assert.Equal(SignatureCheck.SValueTooHigh, decoded.TryRecoverSender(out _));
        Assert.Contains("s value too high", Assert.Throws<FormatException>(decoded.RecoverSender).Message);
    }

    private static string Reject(byte[] raw) => Assert.Throws<FormatException>(() => SignedTransaction.Decode(raw)).Message;

    private static byte[][] With(byte[][] fields, int index, byte[] replacement)
    {
        var copy = (byte[][])fields.Clone();
        copy[index] = replacement;
        return copy;
    }

    private static IEnumerable<Secp256k1Backend> AvailableBackends() =>
        Secp256k1Backend.Native is { } native ? [Secp256k1Backend.BouncyCastle, native] : [Secp256k1Backend.BouncyCastle];
}
