using System.Security.Cryptography;
using Google.Protobuf;
using Livepeer.Payments;

namespace Livepeer.Net;

/// <summary>
/// O's session auth tokens (go-livepeer <c>server/rpc.go</c>; see shared spec: network.md §4.2): a random 8-hex-digit
/// session ID, an expiry 30 min ahead, and <c>HMAC-SHA256(secret, sessionID ‖ bigEndianMinimal(expiration))</c>
/// under a 32-byte secret that lives in memory only.
/// </summary>
public sealed class AuthTokens(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);

    public AuthToken Issue()
    {
        var sessionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var expiration = time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        return new AuthToken { SessionId = sessionId, Expiration = expiration, Token = ByteString.CopyFrom(Mac(sessionId, expiration)) };
    }

    /// <summary>Null when the token is ours and unexpired, else why not (go-livepeer answers 403 with it).</summary>
    public string? Check(AuthToken? token)
    {
        if (token is null)
            return "missing auth token";
        if (token.Expiration < 0 || !CryptographicOperations.FixedTimeEquals(token.Token.Span, Mac(token.SessionId, token.Expiration)))
            return "invalid auth token";
        if (token.Expiration < time.GetUtcNow().ToUnixTimeSeconds())
            return "expired auth token";
        return null;
    }

    private byte[] Mac(string sessionId, long expiration)
    {
        var id = System.Text.Encoding.UTF8.GetBytes(sessionId);
        var exp = BigIntegerEncoding.ToMinimalBytes(Math.Max(expiration, 0));
        return HMACSHA256.HashData(_secret, (byte[])[.. id, .. exp]);
    }
}
