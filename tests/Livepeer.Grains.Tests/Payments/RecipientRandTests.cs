using System.Numerics;
using System.Security.Cryptography;
using Livepeer.Crypto;
using Livepeer.Payments;

namespace Livepeer.Grains.Tests.Payments;

public class RecipientRandTests
{
    private static readonly byte[] Secret = Keccak256.Hash("secret"u8);
    private static readonly EthAddress Sender = EthAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    private static readonly TicketExpirationParams Expiration = new(10, Hash32.FromBytes(Keccak256.Hash("block"u8)));

    [Fact]
    public void RecipientRandHash_of_ten_matches_spec_vector()
    {
        // shared spec: payments.md §16.4
        Assert.Equal("0xc65a7bb8d6351c1cf70c95a316cc6a92839c986682d98bc35f958f4883f9d2a8", RecipientRand.Hash(10).ToString());
    }

    [Fact]
    public void Hmac_input_is_the_minimal_encodings_concatenated()
    {
        // seed 0x0100, faceValue 0 (empty), winProb 0x05, expirationBlock 1040 = 0x0410,
        // price 6/4 reduced to 3/2, then 64 bytes of auxData.
        var expectedMessage = Convert.FromHexString("0100")
            .Concat(Sender.ToArray())
            .Concat(Convert.FromHexString("05" + "0410" + "03" + "02"))
            .Concat(Expiration.AuxData())
            .ToArray();
        var expected = new BigInteger(HMACSHA256.HashData(Secret, expectedMessage), isUnsigned: true, isBigEndian: true);

        var actual = RecipientRand.Compute(Secret, 256, Sender, 0, 5, 1_040, new PriceInfo(6, 4), Expiration);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Empty_aux_data_adds_nothing()
    {
        var expectedMessage = Sender.ToArray().Concat(Convert.FromHexString("01")).ToArray();
        var expected = new BigInteger(HMACSHA256.HashData(Secret, expectedMessage), isUnsigned: true, isBigEndian: true);

        Assert.Equal(expected, RecipientRand.Compute(Secret, 0, Sender, 0, 0, 0, PriceInfo.Free, TicketExpirationParams.Empty));
    }

    [Fact]
    public void Long_seeds_are_accepted()
    {
        var seed = BigInteger.One << 8_000;
        Assert.NotEqual(
            RecipientRand.Compute(Secret, seed, Sender, 1, 1, 1, PriceInfo.Free, Expiration),
            RecipientRand.Compute(Secret, seed + 1, Sender, 1, 1, 1, PriceInfo.Free, Expiration));
    }

    [Fact]
    public void Every_bound_field_changes_the_result()
    {
        var price = new PriceInfo(3, 2);
        var baseline = RecipientRand.Compute(Secret, 1, Sender, 2, 3, 4, price, Expiration);

        Assert.NotEqual(baseline, RecipientRand.Compute(Keccak256.Hash("other"u8), 1, Sender, 2, 3, 4, price, Expiration));
        Assert.NotEqual(baseline, RecipientRand.Compute(Secret, 9, Sender, 2, 3, 4, price, Expiration));
        Assert.NotEqual(baseline, RecipientRand.Compute(Secret, 1, EthAddress.Zero, 2, 3, 4, price, Expiration));
        Assert.NotEqual(baseline, RecipientRand.Compute(Secret, 1, Sender, 9, 3, 4, price, Expiration));
        Assert.NotEqual(baseline, RecipientRand.Compute(Secret, 1, Sender, 2, 9, 4, price, Expiration));
        Assert.NotEqual(baseline, RecipientRand.Compute(Secret, 1, Sender, 2, 3, 9, price, Expiration));
        Assert.NotEqual(baseline, RecipientRand.Compute(Secret, 1, Sender, 2, 3, 4, new PriceInfo(4, 2), Expiration));
        Assert.NotEqual(baseline, RecipientRand.Compute(Secret, 1, Sender, 2, 3, 4, price, TicketExpirationParams.Empty));

        // The same price in other terms is the same price.
        Assert.Equal(baseline, RecipientRand.Compute(Secret, 1, Sender, 2, 3, 4, new PriceInfo(30, 20), Expiration));
    }
}
