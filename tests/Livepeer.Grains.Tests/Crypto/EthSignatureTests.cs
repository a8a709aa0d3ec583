using Livepeer.Crypto;

namespace Livepeer.Grains.Tests.Crypto;

public class EthSignatureTests
{
    private static readonly EthKey Key = EthKey.FromHex("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    private static readonly byte[] Message = Keccak256.Hash("ticket"u8);

    [Fact]
    public void High_s_twin_is_rejected_although_it_recovers_the_same_key_mathematically()
    {
        var signature = Key.SignPersonal(Message);
        var highS = SignatureTestData.FlipS(signature);

        Assert.True(SignatureTestData.ReadS(highS) > SignatureTestData.HalfCurveOrder);
        Assert.Equal(SignatureCheck.SValueTooHigh, EthSignature.VerifyPersonal(Message, highS, Key.Address));
        Assert.Equal("signature s value too high", SignatureCheck.SValueTooHigh.Describe());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(26)]
    [InlineData(29)]
    [InlineData(255)]
    public void V_other_than_27_or_28_is_rejected(byte v)
    {
        var signature = Key.SignPersonal(Message);
        signature[64] = v;
        Assert.Equal(SignatureCheck.InvalidRecoveryId, EthSignature.VerifyPersonal(Message, signature, Key.Address));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(64)]
    [InlineData(66)]
    public void Length_other_than_65_is_rejected(int length)
    {
        var signature = new byte[length];
        Assert.Equal(SignatureCheck.InvalidLength, EthSignature.VerifyPersonal(Message, signature, Key.Address));
    }

    [Fact]
    public void Rejections_follow_go_livepeer_order()
    {
        var highS = SignatureTestData.FlipS(Key.SignPersonal(Message));

        // Length is checked before s ...
        Assert.Equal(SignatureCheck.InvalidLength, EthSignature.VerifyPersonal(Message, highS[..64], Key.Address));

        // ... and s before v.
        highS[64] = 0;
        Assert.Equal(SignatureCheck.SValueTooHigh, EthSignature.VerifyPersonal(Message, highS, Key.Address));
    }

    [Fact]
    public void Other_signer_or_other_message_is_a_mismatch()
    {
        var signature = Key.SignPersonal(Message);
        var other = EthKey.Generate();

        Assert.Equal(SignatureCheck.SignerMismatch, EthSignature.VerifyPersonal(Message, signature, other.Address));
        Assert.Equal(SignatureCheck.SignerMismatch, EthSignature.VerifyPersonal(Keccak256.Hash(Message), signature, Key.Address));
    }

    [Fact]
    public void Flipping_v_alone_recovers_a_different_key()
    {
        var signature = Key.SignPersonal(Message);
        signature[64] = (byte)(signature[64] == 27 ? 28 : 27);

        var check = EthSignature.TryRecoverPersonal(Message, signature, out var signer);

        // Either the twin point yields another key or, rarely, none at all: never the real signer.
        Assert.True(check is SignatureCheck.Valid or SignatureCheck.Unrecoverable);
        Assert.NotEqual(Key.Address, signer);
    }

    [Fact]
    public void Zero_r_or_s_and_off_curve_r_are_unrecoverable()
    {
        var zeroR = Key.SignPersonal(Message);
        zeroR.AsSpan(0, 32).Clear();
        Assert.Equal(SignatureCheck.Unrecoverable, EthSignature.TryRecoverPersonal(Message, zeroR, out _));

        var zeroS = Key.SignPersonal(Message);
        zeroS.AsSpan(32, 32).Clear();
        Assert.Equal(SignatureCheck.Unrecoverable, EthSignature.TryRecoverPersonal(Message, zeroS, out _));

        // x = 5 has no point on secp256k1 (5³ + 7 = 132 is not a square mod p).
        var offCurve = Key.SignPersonal(Message);
        offCurve.AsSpan(0, 32).Clear();
        offCurve[31] = 5;
        Assert.Equal(SignatureCheck.Unrecoverable, EthSignature.TryRecoverPersonal(Message, offCurve, out _));
    }

    [Fact]
    public void RecoverPersonal_throws_with_the_reason()
    {
        var highS = SignatureTestData.FlipS(Key.SignPersonal(Message));
        var error = Assert.Throws<ArgumentException>(() => EthSignature.RecoverPersonal(Message, highS));
        Assert.Contains("signature s value too high", error.Message);
    }

    [Fact]
    public void Every_check_has_a_description()
    {
        Assert.All(Enum.GetValues<SignatureCheck>(), check => Assert.False(string.IsNullOrWhiteSpace(check.Describe())));
    }
}
