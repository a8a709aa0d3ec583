using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Livepeer.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Livepeer.Ethereum;

/// <summary>
/// Ethereum keystore files (Web3 Secret Storage v3), the format of go-livepeer's <c>-ethKeystorePath</c> and geth's
/// <c>keystore/</c> directory: the private key encrypted with AES-128-CTR under a key derived from the password by
/// scrypt or PBKDF2-HMAC-SHA256, and MAC = keccak256(derivedKey[16..32] ‖ ciphertext) to detect a wrong password.
/// </summary>
/// <remarks>
/// The password is used as its UTF-8 bytes, as go-ethereum does. No message or exception ever contains the password or
/// key material; intermediate secrets are zeroed after use.
/// </remarks>
public static class EncryptedKeystore
{
    /// <summary>go-ethereum's StandardScryptN (2^18): about 256 MiB and a second per derivation.</summary>
    public const int StandardScryptN = 1 << 18;

    /// <summary>go-ethereum's StandardScryptP.</summary>
    public const int StandardScryptP = 1;

    /// <summary>scrypt's block size parameter r, fixed at 8 by go-ethereum when writing.</summary>
    public const int ScryptR = 8;

    /// <summary>Most memory (128·r·n bytes) a file's scrypt parameters may ask for, so a hostile file cannot exhaust it.</summary>
    public const long MaxScryptMemory = 1L << 30;

    public const string WrongPasswordMessage = "keystore MAC mismatch: wrong password?";

    private const int Version = 3;
    private const string Cipher = "aes-128-ctr";
    private const int StandardDerivedKeyLength = 32;
    private const int MaxDerivedKeyLength = 128;
    private const int CipherKeyLength = 16;
    private const int IvLength = 16;
    private const int SaltLength = 32;
    private const int Secp256k1PrivateKeyLength = 32;

    // go-ethereum's password prompt and file reader work on raw bytes; a string password is its UTF-8 bytes.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Decrypts a v3 keystore. Throws <see cref="KeystoreException"/>: <see cref="KeystoreErrorKind.WrongPassword"/>
    /// with <see cref="WrongPasswordMessage"/> when the MAC does not match, other kinds for malformed or unsupported
    /// files and for a key that does not belong to the file's <c>address</c>.
    /// </summary>
    public static EthKey Decrypt(string json, string password)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(password);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            // JsonException's message names a position, never content; the file holds no plaintext secret anyway.
            throw Malformed($"keystore is not valid JSON: {e.Message}");
        }

        using (document)
        {
            return Decrypt(document.RootElement, password);
        }
    }

    /// <summary>
    /// Encrypts <paramref name="key"/> as a v3 keystore with scrypt (r = 8) and fresh random salt, IV and id, in
    /// go-ethereum's field layout. Lower <paramref name="scryptN"/> only for tests: it is the brute-force cost.
    /// </summary>
    public static string Encrypt(EthKey key, string password, int scryptN = StandardScryptN, int scryptP = StandardScryptP)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(password);
        var parameters = new ScryptParameters(scryptN, ScryptR, scryptP, StandardDerivedKeyLength, RandomNumberGenerator.GetBytes(SaltLength));
        if (parameters.Validate() is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(scryptN), problem);
        }

        var iv = RandomNumberGenerator.GetBytes(IvLength);
        var privateKey = key.PrivateKeyBytes();
        var derivedKey = DeriveKey(password, parameters);
        try
        {
            var ciphertext = AesCtr(derivedKey.AsSpan(0, CipherKeyLength), iv, privateKey);
            var mac = Mac(derivedKey, ciphertext);
            return Write(key.Address, ciphertext, iv, parameters, mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
            CryptographicOperations.ZeroMemory(derivedKey);
        }
    }

    /// <summary>
    /// Reads a password file as go-livepeer's <c>-ethPassword</c> does: the first line, without its line break (\n or
    /// \r\n); an empty first line is an error. The bytes are taken as they are (a BOM stays part of the password, as
    /// in Go), and must be UTF-8.
    /// </summary>
    public static string ReadPasswordFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        try
        {
            var line = bytes.AsSpan();
            var newline = line.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = line[..newline];
            }

            if (line.EndsWith("\r"u8))
            {
                line = line[..^1];
            }

            if (line.IsEmpty)
            {
                throw new KeystoreException(KeystoreErrorKind.PasswordFile, $"password file {path} is empty");
            }

            try
            {
                return StrictUtf8.GetString(line);
            }
            catch (DecoderFallbackException)
            {
                throw new KeystoreException(KeystoreErrorKind.PasswordFile, $"password file {path} is not valid UTF-8");
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>AES-128-CTR with the IV as the initial 128-bit big-endian counter, as Go's cipher.NewCTR counts.</summary>
    internal static byte[] AesCtr(ReadOnlySpan<byte> key, byte[] iv, byte[] input)
    {
        var cipher = CipherUtilities.GetCipher("AES/CTR/NoPadding");
        cipher.Init(true, new ParametersWithIV(new KeyParameter(key), iv));
        return cipher.DoFinal(input);
    }

    private static EthKey Decrypt(JsonElement root, string password)
    {
        RequireObject(root, "keystore");
        if (!TryGetProperty(root, "version", out var versionElement) || !versionElement.TryGetInt32(out var version))
        {
            throw Malformed("keystore: missing or non-integer \"version\"");
        }

        if (version != Version)
        {
            throw new KeystoreException(KeystoreErrorKind.Unsupported, $"keystore version {version} is not supported (expected {Version})");
        }

        var crypto = GetObject(root, "crypto");
        var cipher = GetString(crypto, "cipher");
        if (cipher != Cipher)
        {
            throw new KeystoreException(KeystoreErrorKind.Unsupported, $"keystore cipher \"{cipher}\" is not supported (expected {Cipher})");
        }

        var ciphertext = GetHex(crypto, "ciphertext");
        var iv = GetHex(GetObject(crypto, "cipherparams"), "iv", IvLength);
        var expectedMac = GetHex(crypto, "mac", Keccak256.HashLength);
        var kdf = ReadKdf(crypto);

        var derivedKey = DeriveKey(password, kdf);
        byte[]? plaintext = null;
        try
        {
            var mac = Mac(derivedKey, ciphertext);
            if (!CryptographicOperations.FixedTimeEquals(mac, expectedMac))
            {
                throw new KeystoreException(KeystoreErrorKind.WrongPassword, WrongPasswordMessage);
            }

            plaintext = AesCtr(derivedKey.AsSpan(0, CipherKeyLength), iv, ciphertext);
            var key = ToKey(plaintext);

            CheckAddress(root, key.Address);
            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(derivedKey);
            if (plaintext is not null)
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }
    }

    /// <summary>
    /// The decrypted secret as a key. Shorter than 32 bytes is read as the number it encodes (left-padded), as geth's
    /// ToECDSAUnsafe does: some old tools wrote keys without their leading zero bytes.
    /// </summary>
    private static EthKey ToKey(byte[] plaintext)
    {
        Span<byte> padded = stackalloc byte[Secp256k1PrivateKeyLength];
        try
        {
            if (plaintext.Length is > 0 and <= Secp256k1PrivateKeyLength)
            {
                plaintext.CopyTo(padded[^plaintext.Length..]);
                return EthKey.FromPrivateKey(padded);
            }
        }
        catch (ArgumentException)
        {
            // Zero or at least n: reported below, without the value.
        }
        finally
        {
            CryptographicOperations.ZeroMemory(padded);
        }

        throw Malformed($"keystore: the decrypted secret ({plaintext.Length} bytes) is not a secp256k1 private key");
    }

    /// <summary>The file's address is optional (the v3 definition dropped it; geth writes it); when present it must match.</summary>
    private static void CheckAddress(JsonElement root, EthAddress actual)
    {
        if (!TryGetProperty(root, "address", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (element.ValueKind != JsonValueKind.String || !EthAddress.TryParse(element.GetString(), out var expected))
        {
            throw Malformed("keystore: \"address\" is not a 20-byte hex address");
        }

        if (expected != actual)
        {
            throw new KeystoreException(KeystoreErrorKind.AddressMismatch, $"keystore names address {expected} but holds the key of {actual}");
        }
    }

    private static KdfParameters ReadKdf(JsonElement crypto)
    {
        var kdf = GetString(crypto, "kdf");
        var parameters = GetObject(crypto, "kdfparams");
        KdfParameters result = kdf switch
        {
            "scrypt" => new ScryptParameters(
                GetInt(parameters, "n"), GetInt(parameters, "r"), GetInt(parameters, "p"), GetInt(parameters, "dklen"), GetHex(parameters, "salt")),
            "pbkdf2" => ReadPbkdf2(parameters),
            _ => throw new KeystoreException(KeystoreErrorKind.Unsupported, $"keystore KDF \"{kdf}\" is not supported (expected scrypt or pbkdf2)"),
        };

        return result.Validate() is { } problem ? throw Malformed($"keystore {kdf} parameters: {problem}") : result;
    }

    private static Pbkdf2Parameters ReadPbkdf2(JsonElement parameters)
    {
        var prf = GetString(parameters, "prf");
        return prf == "hmac-sha256"
            ? new Pbkdf2Parameters(GetInt(parameters, "c"), GetInt(parameters, "dklen"), GetHex(parameters, "salt"))
            : throw new KeystoreException(KeystoreErrorKind.Unsupported, $"keystore PBKDF2 PRF \"{prf}\" is not supported (expected hmac-sha256)");
    }

    private static byte[] DeriveKey(string password, KdfParameters parameters)
    {
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return parameters switch
            {
                ScryptParameters s => Scrypt.DeriveKey(passwordBytes, s.Salt, s.N, s.R, s.P, s.DerivedKeyLength),
                Pbkdf2Parameters p => Rfc2898DeriveBytes.Pbkdf2(passwordBytes, p.Salt, p.Iterations, HashAlgorithmName.SHA256, p.DerivedKeyLength),
                _ => throw new UnreachableException(),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordBytes);
        }
    }

    private static byte[] Mac(byte[] derivedKey, byte[] ciphertext)
    {
        var mac = new byte[Keccak256.HashLength];
        Keccak256.Hash(derivedKey.AsSpan(CipherKeyLength, StandardDerivedKeyLength - CipherKeyLength), ciphertext, mac);
        return mac;
    }

    private static string Write(EthAddress address, byte[] ciphertext, byte[] iv, ScryptParameters kdf, byte[] mac)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("address", Convert.ToHexStringLower(address.Span));
            writer.WriteStartObject("crypto");
            writer.WriteString("cipher", Cipher);
            writer.WriteString("ciphertext", Convert.ToHexStringLower(ciphertext));
            writer.WriteStartObject("cipherparams");
            writer.WriteString("iv", Convert.ToHexStringLower(iv));
            writer.WriteEndObject();
            writer.WriteString("kdf", "scrypt");
            writer.WriteStartObject("kdfparams");
            writer.WriteNumber("dklen", kdf.DerivedKeyLength);
            writer.WriteNumber("n", kdf.N);
            writer.WriteNumber("p", kdf.P);
            writer.WriteNumber("r", kdf.R);
            writer.WriteString("salt", Convert.ToHexStringLower(kdf.Salt));
            writer.WriteEndObject();
            writer.WriteString("mac", Convert.ToHexStringLower(mac));
            writer.WriteEndObject();
            writer.WriteString("id", Guid.NewGuid().ToString()); // a random (version 4) UUID, as geth writes
            writer.WriteNumber("version", Version);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // Go's encoding/json matches field names case-insensitively, so geth reads "Crypto" as "crypto": so do we.
    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        if (element.TryGetProperty(name, out value))
        {
            return true;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        return false;
    }

    private static JsonElement GetObject(JsonElement parent, string name)
    {
        if (!TryGetProperty(parent, name, out var value))
        {
            throw Malformed($"keystore: missing \"{name}\"");
        }

        RequireObject(value, name);
        return value;
    }

    private static void RequireObject(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Malformed($"keystore: \"{name}\" is not an object");
        }
    }

    private static string GetString(JsonElement parent, string name) =>
        TryGetProperty(parent, name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Malformed($"keystore: missing or non-string \"{name}\"");

    private static int GetInt(JsonElement parent, string name) =>
        TryGetProperty(parent, name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw Malformed($"keystore: missing or non-integer \"{name}\"");

    /// <summary>Hex with an optional 0x prefix; of exactly <paramref name="length"/> bytes when given.</summary>
    private static byte[] GetHex(JsonElement parent, string name, int? length = null)
    {
        var text = GetString(parent, name).AsSpan();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        var bytes = new byte[text.Length / 2];
        if (text.Length % 2 != 0 || Convert.FromHexString(text, bytes, out _, out _) != OperationStatus.Done)
        {
            throw Malformed($"keystore: \"{name}\" is not hex");
        }

        return length is { } expected && bytes.Length != expected
            ? throw Malformed($"keystore: \"{name}\" is {bytes.Length} bytes, expected {expected}")
            : bytes;
    }

    private static KeystoreException Malformed(string message) => new(KeystoreErrorKind.Malformed, message);

    private abstract record KdfParameters(int DerivedKeyLength, byte[] Salt)
    {
        /// <summary>Null when usable, else what is wrong.</summary>
        public virtual string? Validate() =>
            DerivedKeyLength is < StandardDerivedKeyLength or > MaxDerivedKeyLength
                ? $"dklen must lie in [{StandardDerivedKeyLength}, {MaxDerivedKeyLength}], got {DerivedKeyLength}"
                : null;
    }

    private sealed record ScryptParameters(int N, int R, int P, int DerivedKeyLength, byte[] Salt) : KdfParameters(DerivedKeyLength, Salt)
    {
        public override string? Validate() =>
            Scrypt.Validate(N, R, P)
            ?? (128L * R * N > MaxScryptMemory
                ? $"n = {N}, r = {R} would need {128L * R * N >> 20} MiB, above the {MaxScryptMemory >> 20} MiB limit"
                : base.Validate());
    }

    private sealed record Pbkdf2Parameters(int Iterations, int DerivedKeyLength, byte[] Salt) : KdfParameters(DerivedKeyLength, Salt)
    {
        public override string? Validate() => Iterations < 1 ? $"c must be positive, got {Iterations}" : base.Validate();
    }
}
