using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Payments;

namespace Livepeer.Grains.Tests.Payments;

/// <summary>Test vectors from shared spec: payments.md §16.1–§16.3.</summary>
public class TicketVectorTests
{
    private const string RandHash = "41b1a0649752af1b28b3dc29a1556eee781e4a4c3a1f7f53f90fa834de098c4d";

    public static TheoryData<string, Ticket> HashVectors => new()
    {
        { "e1393fc7f6de093780674022f96cb8e3872235167d037c04d554e58c0e63d280", ZeroTicket() with { SenderNonce = 4294967295 } },
        { "ce0918ba94518293e9712effbe5fca4f1f431089833a5b8c257cb1e024595f68", ZeroTicket() with { SenderNonce = 1 } },
        { "87ef13f2d37e4d5352a01d3c77b8179d80e0887f1953bfabfd0bfd7b0f689ddd", ZeroTicket() with { FaceValue = 1, WinProb = 500 } },
        { "aa4b35071043587992ac8b9dd1b2cf1d8311130e6458cf0b2342484e21af5f5b", ZeroTicket() with { FaceValue = 500, WinProb = 1 } },
        { "81e353ae39046e2b77b9f996abbaeed527fda559b61ef90f299c4499dd508ccc", ZeroTicket() with { Recipient = EthAddress.Parse("73AEd7b5dEb30222fa896f399d46cC99c7BEe57F") } },
        { "be5eaf9a49a39540b9bb02f1a21904f61324a29819e2c032824bfaa10c100b17", ZeroTicket() with { RecipientRandHash = Hash32.Parse(RandHash) } },
        { "e502907c16036ab3d11b78c5a2e93c20f3d6415c67f91de4ed01348182b3b2e2", ZeroTicket() with { ExpirationParams = new TicketExpirationParams(10, Hash32.Parse(RandHash)) } },
    };

    [Theory]
    [MemberData(nameof(HashVectors))]
    public void Ticket_hash_matches_go_livepeer(string expectedHash, Ticket ticket)
    {
        Assert.Equal("0x" + expectedHash, ticket.Hash().ToString());
        Assert.Equal(Keccak256.Hash(ticket.Flatten()), ticket.Hash().ToArray());
    }

    [Fact]
    public void Flatten_lays_out_fields_per_abi_encode_packed()
    {
        var ticket = ZeroTicket() with
        {
            Recipient = EthAddress.FromBytes(Enumerable.Repeat((byte)0x11, 20).ToArray()),
            Sender = EthAddress.FromBytes(Enumerable.Repeat((byte)0x22, 20).ToArray()),
            FaceValue = 0x33,
            WinProb = 0x44,
            SenderNonce = 0x55,
            RecipientRandHash = Hash32.FromBytes(Enumerable.Repeat((byte)0x66, 32).ToArray()),
            ExpirationParams = new TicketExpirationParams(0x77, Hash32.FromBytes(Enumerable.Repeat((byte)0x88, 32).ToArray())),
        };

        var flat = ticket.Flatten();

        Assert.Equal(Ticket.FlattenedLength, flat.Length);
        Assert.Equal(232, flat.Length);
        Assert.All(flat[..20], b => Assert.Equal(0x11, b));
        Assert.All(flat[20..40], b => Assert.Equal(0x22, b));
        Assert.Equal(0x33, flat[71]);
        Assert.Equal(0x44, flat[103]);
        Assert.Equal(0x55, flat[135]);
        Assert.All(flat[136..168], b => Assert.Equal(0x66, b));
        Assert.Equal(0x77, flat[199]);
        Assert.All(flat[200..232], b => Assert.Equal(0x88, b));
        Assert.Equal(168, ZeroTicket().Flatten().Length);
    }

    public static TheoryData<long, string, string> AuxDataVectors
    {
        get
        {
            const string h = "7624778dedc75f8b322b9fa1632a610d40b85e106c7d9bf0e743a9ce291b9c6f";
            var zero32 = new string('0', 64);
            var five = new string('0', 62) + "05";
            return new()
            {
                { 5, h, five + h },
                { 0, h, zero32 + h },
                { 5, zero32, five + zero32 },
                { 0, zero32, "" },
            };
        }
    }

    [Theory]
    [MemberData(nameof(AuxDataVectors))]
    public void AuxData_matches_go_livepeer(long creationRound, string blockHash, string expectedHex)
    {
        var expirationParams = new TicketExpirationParams(creationRound, Hash32.Parse(blockHash));
        Assert.Equal(expectedHex, Convert.ToHexStringLower(expirationParams.AuxData()));
        Assert.Equal(expectedHex.Length == 0, expirationParams.IsEmpty);
    }

    [Fact]
    public void Negative_creation_round_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TicketExpirationParams(-1, Hash32.Zero));
    }

    [Theory]
    [InlineData(1000, 2, "500")]
    [InlineData(1000, 0, "0")]
    [InlineData(1000, 1, "1000")]
    [InlineData(0, 1, "0")]
    [InlineData(0, 2, "0")]
    public void EV_matches_go_livepeer(long faceValue, int winProbDivisor, string expectedEv)
    {
        var winProb = winProbDivisor == 0 ? BigInteger.Zero : TicketEv.MaxWinProb / winProbDivisor;
        var ticket = ZeroTicket() with { FaceValue = faceValue, WinProb = winProb };
        Assert.Equal(expectedEv, ticket.EV.ToDecimalString(0));
    }

    [Fact]
    public void EV_is_exact_at_max_win_prob()
    {
        Assert.Equal((BigRational)1000, (ZeroTicket() with { FaceValue = 1000, WinProb = TicketEv.MaxWinProb }).EV);
        Assert.Equal(new BigRational(1000 * (TicketEv.MaxWinProb / 2), TicketEv.MaxWinProb), TicketEv.Compute(1000, TicketEv.MaxWinProb / 2));
    }

    [Fact]
    public void WinProbRat_matches_go_livepeer()
    {
        Assert.Equal("0.5", (ZeroTicket() with { WinProb = TicketEv.MaxWinProb / 2 }).WinProbRat.ToDecimalString(1));
        Assert.Equal("0.25", (ZeroTicket() with { WinProb = TicketEv.MaxWinProb / 4 }).WinProbRat.ToDecimalString(2));
        Assert.Equal((BigRational)1, TicketEv.WinProbRat(TicketEv.MaxWinProb));
    }

    [Fact]
    public void Values_outside_uint256_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ZeroTicket() with { FaceValue = TicketEv.MaxWinProb + 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => ZeroTicket() with { WinProb = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => ZeroTicket() with { ParamsExpirationBlock = -1 });
    }

    [Fact]
    public void Create_copies_params_expiration_sender_and_nonce()
    {
        var ticketParams = new TicketParams
        {
            Recipient = EthAddress.Parse("73AEd7b5dEb30222fa896f399d46cC99c7BEe57F"),
            FaceValue = 1_000,
            WinProb = 2_000,
            RecipientRandHash = Hash32.Parse(RandHash),
            Seed = 42,
            ExpirationBlock = 1_040,
            PricePerPixel = new PriceInfo(3, 7),
            ExpirationParams = new TicketExpirationParams(9, Hash32.Parse(RandHash)),
        };
        var expirationParams = new TicketExpirationParams(10, Hash32.Parse(RandHash));
        var sender = EthAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");

        var ticket = Ticket.Create(ticketParams, expirationParams, sender, 7);

        Assert.Equal(ticketParams.Recipient, ticket.Recipient);
        Assert.Equal(sender, ticket.Sender);
        Assert.Equal(ticketParams.FaceValue, ticket.FaceValue);
        Assert.Equal(ticketParams.WinProb, ticket.WinProb);
        Assert.Equal(7u, ticket.SenderNonce);
        Assert.Equal(ticketParams.RecipientRandHash, ticket.RecipientRandHash);
        Assert.Same(expirationParams, ticket.ExpirationParams);
        Assert.Equal(1_040, ticket.ParamsExpirationBlock);
        Assert.Equal(ticketParams.PricePerPixel, ticket.PricePerPixel);
        Assert.Equal(ticketParams.EV, ticket.EV);
    }

    internal static Ticket ZeroTicket() => new()
    {
        Recipient = EthAddress.Zero,
        Sender = EthAddress.Zero,
        FaceValue = 0,
        WinProb = 0,
        SenderNonce = 0,
        RecipientRandHash = Hash32.Zero,
        ExpirationParams = TicketExpirationParams.Empty,
        ParamsExpirationBlock = 0,
        PricePerPixel = PriceInfo.Free,
    };
}
