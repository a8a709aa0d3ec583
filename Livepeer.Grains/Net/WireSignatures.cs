using System.Text;
using Livepeer.Crypto;
using Livepeer.Payments;

namespace Livepeer.Net;

/// <summary>
/// The messages that B and O personal-sign, each keccak-hashed first (<c>SignPersonalKeccak</c>; see shared spec:
/// payments.md §3 table "what is signed").
/// </summary>
public static class WireSignatures
{
    /// <summary>GetOrchestrator request: the ASCII of B's EIP-55 checksummed "0x…" address (network.md §4.1).</summary>
    public static byte[] OrchestratorRequestMessage(EthAddress gateway) => Encoding.ASCII.GetBytes(gateway.ToString());

    /// <summary>
    /// go-livepeer's <c>SegTranscodingMetadata.Flatten</c> (network.md §11.2): manifestID ‖ uint256(seq) ‖ hash ‖ the
    /// lowercase hex of the 4-byte profile IDs (first 4 bytes of keccak256(name)).
    /// </summary>
    public static byte[] SegmentMessage(ReadOnlySpan<byte> manifestId, long seq, ReadOnlySpan<byte> hash, IEnumerable<string> profileNames)
    {
        var ids = new StringBuilder();
        foreach (var name in profileNames)
            ids.Append(Convert.ToHexStringLower(Keccak256.Hash(Encoding.UTF8.GetBytes(name)), 0, 4));
        var idBytes = Encoding.ASCII.GetBytes(ids.ToString());
        var message = new byte[manifestId.Length + BigIntegerEncoding.Uint256Length + hash.Length + idBytes.Length];
        manifestId.CopyTo(message);
        // go-livepeer pads big.Int.Bytes(), which drops the sign: a negative seq is signed as its absolute value.
        BigIntegerEncoding.WriteUint256(System.Numerics.BigInteger.Abs(seq), message.AsSpan(manifestId.Length));
        hash.CopyTo(message.AsSpan(manifestId.Length + BigIntegerEncoding.Uint256Length));
        idBytes.CopyTo(message.AsSpan(manifestId.Length + BigIntegerEncoding.Uint256Length + hash.Length));
        return message;
    }

    /// <summary>Transcode result (network.md §12): keccak256(rendition₁) ‖ … ‖ keccak256(renditionₙ); signed keccak-hashed.</summary>
    public static byte[] TranscodeResultMessage(IEnumerable<byte[]> renditions)
    {
        var message = new List<byte>();
        foreach (var rendition in renditions)
            message.AddRange(Keccak256.Hash(rendition));
        return [.. message];
    }
}
