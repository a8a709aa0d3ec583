namespace Livepeer.Crypto;

/// <summary>
/// Outcome of checking a 65-byte r‖s‖v signature. The rejections are listed in the order
/// go-livepeer's <c>crypto.VerifySig</c> applies them (see shared spec: payments.md §3.1).
/// </summary>
public enum SignatureCheck
{
    Valid,
    InvalidLength,
    SValueTooHigh,
    InvalidRecoveryId,
    Unrecoverable,
    SignerMismatch,
}

public static class SignatureCheckExtensions
{
    public static string Describe(this SignatureCheck check) => check switch
    {
        SignatureCheck.Valid => "valid signature",
        SignatureCheck.InvalidLength => $"invalid signature length: expected {EthSignature.Length} bytes",
        SignatureCheck.SValueTooHigh => "signature s value too high",
        SignatureCheck.InvalidRecoveryId => "invalid signature v value: expected 27 or 28",
        SignatureCheck.Unrecoverable => "no public key can be recovered from the signature",
        SignatureCheck.SignerMismatch => "signature was made by a different address",
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, null),
    };
}
