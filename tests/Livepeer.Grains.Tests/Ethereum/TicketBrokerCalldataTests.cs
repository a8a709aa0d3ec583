using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Ethereum;
using Livepeer.Payments;
using Livepeer.Protocol;
using static Livepeer.Grains.Tests.Ethereum.AbiTestHex;

namespace Livepeer.Grains.Tests.Ethereum;

/// <summary>
/// TicketBroker redemption calldata, checked against the layout in shared spec protocol-contracts.md §12 and against
/// calldata produced by Foundry's <c>cast calldata</c> 1.7.1 for the same values.
/// </summary>
public class TicketBrokerCalldataTests
{
    private const string Ticket = "(address,address,uint256,uint256,uint256,bytes32,bytes)";

    private static readonly AbiFunction Redeem = AbiFunction.Parse($"redeemWinningTicket({Ticket},bytes,uint256)");
    private static readonly AbiFunction BatchRedeem = AbiFunction.Parse($"batchRedeemWinningTickets({Ticket}[],bytes[],uint256[])");

    private static readonly EthKey GatewayKey = EthKey.FromHex(new string('1', 64));

    // The values given to cast.
    private static readonly BrokerTicket CastTicket = new()
    {
        Recipient = Address("0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1"),
        Sender = Address("0x19e7e376e7c213b7e7e7e46cc70a5dd086daff2a"),
        FaceValue = 1_000_000_000_000_000,
        WinProb = BigInteger.Parse("1157920892373161954235709850086879078532699846656405640394575840079131296399"),
        SenderNonce = 7,
        RecipientRandHash = Hash32.Parse("0x5c85b0d7b4f0ec0b3f8e10bb1f4b1e2bba6f0c0e3ad1d9fd7e1c0ffee0ddba11"),
        AuxData = Bytes("000000000000000000000000000000000000000000000000000000000000002a"
            + "3bd6ddaa4a1d1a0c5e4b02d9b5d8a2f8b2d1c0e9f8a7b6c5d4e3f2a1b0c9d8e7"),
    };

    private static readonly byte[] CastSig = [.. Fill(0xab, 32), .. Fill(0xcd, 32), 0x1b];
    private static readonly BigInteger CastRand = BigInteger.Parse("123456789012345678901234567890");

    /// <summary>The contract's Ticket struct as an ABI tuple value, in struct order (spec §8.1).</summary>
    internal static object?[] AbiTuple(BrokerTicket ticket) =>
        [ticket.Recipient, ticket.Sender, ticket.FaceValue, ticket.WinProb, ticket.SenderNonce, ticket.RecipientRandHash, ticket.AuxData];

    [Fact]
    public void Redeem_calldata_of_a_signed_ticket_has_the_spec_layout()
    {
        var recipientRand = BigInteger.Parse("98765432109876543210987654321098765432109876543210");
        var ticket = new BrokerTicket
        {
            Recipient = Address("0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1"),
            Sender = GatewayKey.Address,
            FaceValue = BigInteger.Parse("2500000000000000"),
            WinProb = BigIntegerEncoding.MaxUint256 / 1000,
            SenderNonce = 3,
            RecipientRandHash = RecipientRand.Hash(recipientRand),
            AuxData = new TicketExpirationParams(4_321, Hash32.FromBytes(Keccak256.Hash("block"u8))).AuxData(),
        };
        var sig = GatewayKey.SignPersonal(ticket.Hash().Span);
        Assert.Equal(64, ticket.AuxData.Length);
        Assert.Equal(65, sig.Length);

        var calldata = Redeem.EncodeCall(AbiTuple(ticket), sig, recipientRand);

        Assert.Equal(548, calldata.Length);
        Assert.Equal("ec8b3cb6", Hex(calldata.AsSpan(0, 4)));
        var args = calldata[4..];
        Assert.Equal(0x60, WordValue(args, 0x00));                  // offset of the (dynamic) ticket tuple
        Assert.Equal(0x1a0, WordValue(args, 0x20));                 // offset of sig
        Assert.Equal(recipientRand, WordValue(args, 0x40));         // recipientRand inline
        Assert.Equal(Padded(ticket.Recipient), Word(args, 0x60).ToArray());
        Assert.Equal(Padded(ticket.Sender), Word(args, 0x80).ToArray());
        Assert.Equal(ticket.FaceValue, WordValue(args, 0xa0));
        Assert.Equal(ticket.WinProb, WordValue(args, 0xc0));
        Assert.Equal(ticket.SenderNonce, WordValue(args, 0xe0));
        Assert.Equal(ticket.RecipientRandHash.ToArray(), Word(args, 0x100).ToArray());
        Assert.Equal(0xe0, WordValue(args, 0x120));                 // auxData offset, relative to the tuple start
        Assert.Equal(0x40, WordValue(args, 0x60 + 0xe0));           // auxData length
        Assert.Equal(ticket.AuxData, args[0x160..0x1a0]);
        Assert.Equal(0x41, WordValue(args, 0x1a0));                 // sig length
        Assert.Equal(sig, args[0x1c0..0x201]);
        Assert.All(args[0x201..], b => Assert.Equal(0, b));         // right zero-padding of v

        var decoded = Redeem.DecodeInput(calldata);
        var tuple = decoded.Get<object?[]>(0);
        Assert.Equal(ticket, new BrokerTicket
        {
            Recipient = (EthAddress)tuple[0]!,
            Sender = (EthAddress)tuple[1]!,
            FaceValue = (BigInteger)tuple[2]!,
            WinProb = (BigInteger)tuple[3]!,
            SenderNonce = (BigInteger)tuple[4]!,
            RecipientRandHash = Hash32.FromBytes((byte[])tuple[5]!),
            AuxData = (byte[])tuple[6]!,
        });
        Assert.Equal(sig, decoded.Get<byte[]>(1));
        Assert.Equal(recipientRand, decoded.Get<BigInteger>(2));
    }

    [Fact]
    public void Redeem_calldata_matches_cast()
    {
        var expected = Bytes("""
            ec8b3cb6
            0000000000000000000000000000000000000000000000000000000000000060
            00000000000000000000000000000000000000000000000000000000000001a0
            00000000000000000000000000000000000000018ee90ff6c373e0ee4e3f0ad2
            000000000000000000000000a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1
            00000000000000000000000019e7e376e7c213b7e7e7e46cc70a5dd086daff2a
            00000000000000000000000000000000000000000000000000038d7ea4c68000
            028f5c28f5c28f5c28f5c28f5c28f5c28f5c28f5c28f5c28f5c28f5c28f5c28f
            0000000000000000000000000000000000000000000000000000000000000007
            5c85b0d7b4f0ec0b3f8e10bb1f4b1e2bba6f0c0e3ad1d9fd7e1c0ffee0ddba11
            00000000000000000000000000000000000000000000000000000000000000e0
            0000000000000000000000000000000000000000000000000000000000000040
            000000000000000000000000000000000000000000000000000000000000002a
            3bd6ddaa4a1d1a0c5e4b02d9b5d8a2f8b2d1c0e9f8a7b6c5d4e3f2a1b0c9d8e7
            0000000000000000000000000000000000000000000000000000000000000041
            abababababababababababababababababababababababababababababababab
            cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd
            1b00000000000000000000000000000000000000000000000000000000000000
            """);

        Assert.Equal(Hex(expected), Hex(Redeem.EncodeCall(AbiTuple(CastTicket), CastSig, CastRand)));
    }

    [Fact]
    public void Batch_calldata_matches_cast()
    {
        var second = new BrokerTicket
        {
            Recipient = Address("0xa2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2"),
            Sender = CastTicket.Sender,
            FaceValue = 5,
            WinProb = 6,
            SenderNonce = 8,
            RecipientRandHash = Hash32.FromBytes(Uint(1)),
            AuxData = [],
        };
        var expected = Bytes("""
            d01b808e
            0000000000000000000000000000000000000000000000000000000000000060
            0000000000000000000000000000000000000000000000000000000000000300
            0000000000000000000000000000000000000000000000000000000000000420
            0000000000000000000000000000000000000000000000000000000000000002
            0000000000000000000000000000000000000000000000000000000000000040
            0000000000000000000000000000000000000000000000000000000000000180
            000000000000000000000000a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1
            00000000000000000000000019e7e376e7c213b7e7e7e46cc70a5dd086daff2a
            00000000000000000000000000000000000000000000000000038d7ea4c68000
            028f5c28f5c28f5c28f5c28f5c28f5c28f5c28f5c28f5c28f5c28f5c28f5c28f
            0000000000000000000000000000000000000000000000000000000000000007
            5c85b0d7b4f0ec0b3f8e10bb1f4b1e2bba6f0c0e3ad1d9fd7e1c0ffee0ddba11
            00000000000000000000000000000000000000000000000000000000000000e0
            0000000000000000000000000000000000000000000000000000000000000040
            000000000000000000000000000000000000000000000000000000000000002a
            3bd6ddaa4a1d1a0c5e4b02d9b5d8a2f8b2d1c0e9f8a7b6c5d4e3f2a1b0c9d8e7
            000000000000000000000000a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2
            00000000000000000000000019e7e376e7c213b7e7e7e46cc70a5dd086daff2a
            0000000000000000000000000000000000000000000000000000000000000005
            0000000000000000000000000000000000000000000000000000000000000006
            0000000000000000000000000000000000000000000000000000000000000008
            0000000000000000000000000000000000000000000000000000000000000001
            00000000000000000000000000000000000000000000000000000000000000e0
            0000000000000000000000000000000000000000000000000000000000000000
            0000000000000000000000000000000000000000000000000000000000000002
            0000000000000000000000000000000000000000000000000000000000000040
            00000000000000000000000000000000000000000000000000000000000000c0
            0000000000000000000000000000000000000000000000000000000000000041
            abababababababababababababababababababababababababababababababab
            cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd
            1b00000000000000000000000000000000000000000000000000000000000000
            0000000000000000000000000000000000000000000000000000000000000001
            0100000000000000000000000000000000000000000000000000000000000000
            0000000000000000000000000000000000000000000000000000000000000002
            00000000000000000000000000000000000000018ee90ff6c373e0ee4e3f0ad2
            0000000000000000000000000000000000000000000000000000000000000009
            """);

        var calldata = BatchRedeem.EncodeCall(
            new[] { AbiTuple(CastTicket), AbiTuple(second) },
            new[] { CastSig, [0x01] },
            new[] { CastRand, 9 });

        Assert.Equal(Hex(expected), Hex(calldata));
    }

    [Fact]
    public void Batch_calldata_has_offset_tables_per_dynamic_array()
    {
        var tickets = new[] { AbiTuple(CastTicket), AbiTuple(CastTicket with { SenderNonce = 8 }) };
        var calldata = BatchRedeem.EncodeCall(tickets, new[] { CastSig, CastSig }, new BigInteger[] { 1, 2 });
        var args = calldata[4..];

        // Each full ticket is 10 words (7 head words, auxData length, 2 data words); each sig 4 words.
        const int TicketSize = 0x140, SigSize = 0x80;
        const int Tickets = 0x60, Sigs = Tickets + 0x20 + 0x40 + (2 * TicketSize), Rands = Sigs + 0x20 + 0x40 + (2 * SigSize);
        Assert.Equal(Rands + 0x60, args.Length);
        Assert.Equal([Tickets, Sigs, Rands], new[] { WordValue(args, 0), WordValue(args, 0x20), WordValue(args, 0x40) });

        // Ticket[]: length, then element offsets counted from just after the length word.
        Assert.Equal(2, WordValue(args, Tickets));
        Assert.Equal(0x40, WordValue(args, Tickets + 0x20));
        Assert.Equal(0x40 + TicketSize, WordValue(args, Tickets + 0x40));
        Assert.Equal(Padded(CastTicket.Recipient), Word(args, Tickets + 0x20 + 0x40).ToArray());
        Assert.Equal(8, WordValue(args, Tickets + 0x20 + 0x40 + TicketSize + 0x80));

        // bytes[] likewise; uint256[] is a length and inline words.
        Assert.Equal([2, 0x40, 0x40 + SigSize], new[] { WordValue(args, Sigs), WordValue(args, Sigs + 0x20), WordValue(args, Sigs + 0x40) });
        Assert.Equal([2, 1, 2], new[] { WordValue(args, Rands), WordValue(args, Rands + 0x20), WordValue(args, Rands + 0x40) });

        var decoded = BatchRedeem.DecodeInput(calldata);
        Assert.Equal(8, (BigInteger)((object?[])decoded.Get<object?[]>(0)[1]!)[4]!);
        Assert.Equal(CastSig, (byte[])decoded.Get<object?[]>(1)[1]!);
    }

    [Fact]
    public void Nested_dynamic_tuples_and_arrays_match_cast()
    {
        var types = new[] { "(uint8,string[],bytes3)[2]", "int16[]", "bool", "string" }.Select(AbiType.Parse).ToArray();
        object?[] values =
        [
            new object?[]
            {
                new object?[] { 255, new[] { "", "héllo €😀" }, new byte[] { 1, 2, 3 } },
                new object?[] { 0, Array.Empty<string>(), new byte[] { 0xff, 0xff, 0xff } },
            },
            new[] { -1, -32768, 32767, 0 },
            true,
            "a string that is longer than thirty-two bytes, to take two words",
        ];
        var expected = Bytes("""
            0000000000000000000000000000000000000000000000000000000000000080
            0000000000000000000000000000000000000000000000000000000000000260
            0000000000000000000000000000000000000000000000000000000000000001
            0000000000000000000000000000000000000000000000000000000000000300
            0000000000000000000000000000000000000000000000000000000000000040
            0000000000000000000000000000000000000000000000000000000000000160
            00000000000000000000000000000000000000000000000000000000000000ff
            0000000000000000000000000000000000000000000000000000000000000060
            0102030000000000000000000000000000000000000000000000000000000000
            0000000000000000000000000000000000000000000000000000000000000002
            0000000000000000000000000000000000000000000000000000000000000040
            0000000000000000000000000000000000000000000000000000000000000060
            0000000000000000000000000000000000000000000000000000000000000000
            000000000000000000000000000000000000000000000000000000000000000e
            68c3a96c6c6f20e282acf09f9880000000000000000000000000000000000000
            0000000000000000000000000000000000000000000000000000000000000000
            0000000000000000000000000000000000000000000000000000000000000060
            ffffff0000000000000000000000000000000000000000000000000000000000
            0000000000000000000000000000000000000000000000000000000000000000
            0000000000000000000000000000000000000000000000000000000000000004
            ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff
            ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8000
            0000000000000000000000000000000000000000000000000000000000007fff
            0000000000000000000000000000000000000000000000000000000000000000
            0000000000000000000000000000000000000000000000000000000000000040
            6120737472696e672074686174206973206c6f6e676572207468616e20746869
            7274792d74776f2062797465732c20746f2074616b652074776f20776f726473
            """);

        Assert.Equal(Hex(expected), Hex(AbiEncoder.Encode(types, values)));
        Assert.Equal(Hex(expected), Hex(AbiEncoder.Encode(types, AbiDecoder.Decode(types, expected))));
    }
}
