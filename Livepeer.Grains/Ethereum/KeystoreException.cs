namespace Livepeer.Ethereum;

/// <summary>Why a keystore could not be read or written.</summary>
public enum KeystoreErrorKind
{
    /// <summary>Not Web3 Secret Storage v3 JSON, or a field is missing or has the wrong form.</summary>
    Malformed,

    /// <summary>Well-formed, but a version, cipher, KDF or PRF this implementation does not support.</summary>
    Unsupported,

    /// <summary>The MAC does not match: the password is wrong (or the file was altered).</summary>
    WrongPassword,

    /// <summary>The decrypted key belongs to a different address than the file names.</summary>
    AddressMismatch,

    /// <summary>The password file is unusable (empty, not UTF-8).</summary>
    PasswordFile,
}

/// <summary>
/// A keystore failure. Messages never contain the password or key material: only field names, parameters and
/// addresses, which the file holds in the clear anyway.
/// </summary>
public sealed class KeystoreException(KeystoreErrorKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public KeystoreErrorKind Kind { get; } = kind;
}
