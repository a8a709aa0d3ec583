using System.Numerics;
using Livepeer.Ethereum;
using Livepeer.Protocol;
using static Livepeer.Grains.Tests.Ethereum.AbiTestHex;

namespace Livepeer.Grains.Tests.Ethereum;

public class RevertReasonTests
{
    [Fact]
    public void Error_and_panic_selectors_match_the_spec()
    {
        Assert.Equal("0x08c379a0", RevertReason.ErrorFunction.SelectorHex);
        Assert.Equal("0x4e487b71", RevertReason.PanicFunction.SelectorHex);
    }

    [Fact]
    public void Error_string_decodes_to_the_contracts_own_text()
    {
        // The revert data of a redemption from an unfunded sender (cast calldata 'Error(string)' ...).
        var data = Bytes("""
            08c379a0
            0000000000000000000000000000000000000000000000000000000000000020
            0000000000000000000000000000000000000000000000000000000000000023
            73656e646572206465706f73697420616e64207265736572766520617265207a
            65726f0000000000000000000000000000000000000000000000000000000000
            """);

        var reason = RevertReason.Decode(data);

        Assert.Equal(RevertKind.Error, reason.Kind);
        Assert.Equal(TicketBrokerErrors.SenderDepositAndReserveZero, reason.Message);
        Assert.Equal(TicketBrokerErrors.SenderDepositAndReserveZero, reason.ToString());
        Assert.Equal(data, reason.Data.ToArray());
        Assert.Null(reason.PanicCode);
    }

    [Fact]
    public void Error_string_round_trips_through_the_encoder()
    {
        var data = RevertReason.ErrorFunction.EncodeCall(TicketBrokerErrors.EcdsaInvalidV);
        Assert.Equal(TicketBrokerErrors.EcdsaInvalidV, RevertReason.Decode(data).Message);
    }

    [Fact]
    public void Panics_read_like_the_embedded_ledgers_reasons()
    {
        var overflow = RevertReason.Decode(Bytes("4e487b710000000000000000000000000000000000000000000000000000000000000011"));
        Assert.Equal(RevertKind.Panic, overflow.Kind);
        Assert.Equal(new BigInteger(0x11), overflow.PanicCode);
        Assert.Equal(TicketBrokerErrors.PanicArithmetic, overflow.Message);

        Assert.Equal(TicketBrokerErrors.PanicArrayOutOfBounds, RevertReason.Decode(RevertReason.PanicFunction.EncodeCall(0x32)).Message);
    }

    [Theory]
    [InlineData(0x00, "Panic(0x00): generic compiler panic")]
    [InlineData(0x01, "Panic(0x01): assertion failed")]
    [InlineData(0x12, "Panic(0x12): division or modulo by zero")]
    [InlineData(0x41, "Panic(0x41): out of memory")]
    [InlineData(0x99, "Panic(0x99)")]
    [InlineData(0x1234, "Panic(0x1234)")]
    public void Panic_codes_are_shown_in_hex(int code, string message)
    {
        Assert.Equal(message, RevertReason.DescribePanic(code));
        Assert.Equal(message, RevertReason.Decode(RevertReason.PanicFunction.EncodeCall(code)).Message);
    }

    [Fact]
    public void Empty_revert_data_has_no_reason()
    {
        var reason = RevertReason.Decode([]);
        Assert.Equal(RevertKind.NoReason, reason.Kind);
        Assert.Equal("reverted without a reason", reason.Message);
    }

    [Fact]
    public void A_custom_error_is_named_by_its_selector()
    {
        var reason = RevertReason.Decode([0xde, 0xad, 0xbe, 0xef, .. Uint(1)]);
        Assert.Equal(RevertKind.CustomError, reason.Kind);
        Assert.Equal("reverted with custom error 0xdeadbeef and 32 bytes of arguments", reason.Message);
    }

    [Fact]
    public void Malformed_revert_data_is_described_not_thrown()
    {
        var truncated = RevertReason.Decode(Bytes("08c379a0" + "0000000000000000000000000000000000000000000000000000000000000020"));
        Assert.Equal(RevertKind.Malformed, truncated.Kind);
        Assert.StartsWith("reverted with malformed data 0x08c379a0", truncated.Message);

        Assert.Equal(RevertKind.Malformed, RevertReason.Decode([0x08, 0xc3]).Kind);
        Assert.Equal(RevertKind.Malformed, RevertReason.Decode(Bytes("4e487b71")).Kind);
        Assert.EndsWith("…", RevertReason.Decode([0x08, 0xc3, 0x79, 0xa0, .. Fill(0xff, 200)]).Message.Split(' ')[4]);
    }
}
