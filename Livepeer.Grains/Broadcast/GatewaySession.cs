using Livepeer.Discovery;
using Livepeer.Net;
using Livepeer.Payments;

namespace Livepeer.Broadcast;

/// <summary>
/// The gateway's session with one orchestrator (go-livepeer's <c>BroadcastSession</c>): its latest
/// <c>OrchestratorInfo</c>, the price it started at, the credit there, and its last latency score.
/// </summary>
/// <param name="credit">The credit held there when the session was last saved; zero for a new session.</param>
public sealed class GatewaySession(OrchestratorCandidate candidate, OrchestratorInfo info, Payments.PriceInfo? initialPrice = null, BigRational credit = default)
{
    /// <summary>go-livepeer's <c>priceIncreaseThreshold</c>: a session pays at most twice its starting price.</summary>
    public const int PriceIncreaseThreshold = 2;

    /// <summary>go-livepeer's <c>shouldRefreshSession</c>: the auth token's last 10 % of its 30 min life.</summary>
    public static readonly TimeSpan AuthTokenRefreshMargin = TimeSpan.FromMinutes(3);

    /// <summary>Params this close to expiry are refreshed first (go-livepeer's <c>paramsExpiryBuffer</c>).</summary>
    public const int ParamsExpiryBuffer = 1;

    public OrchestratorCandidate Candidate { get; } = candidate;

    public string Key => Candidate.Uri.ToString();

    public OrchestratorInfo Info { get; private set; } = info;

    /// <summary>The price of <see cref="Info"/>, converted once per info rather than at every use.</summary>
    public Payments.PriceInfo Price { get; private set; } = WireConvert.FromWire(info.PriceInfo);

    /// <summary>Where <c>POST /segment</c> goes: <see cref="Info"/>'s transcoder URI, parsed once per info.</summary>
    public Uri Transcoder { get; private set; } = new(info.Transcoder);

    public Payments.PriceInfo InitialPrice { get; } = initialPrice ?? WireConvert.FromWire(info.PriceInfo);

    public GatewayBalance Balance { get; } = new(credit);

    /// <summary>Round trip ÷ max(1.5 s, segment duration) of the last segment; null before the first.</summary>
    public double? LatencyScore { get; set; }

    public bool ShouldRefresh(DateTimeOffset now, long lastSeenL1Block)
    {
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(Info.AuthToken?.Expiration ?? 0);
        var expirationBlock = (long)BigIntegerEncoding.FromUnsigned(Info.TicketParams.ExpirationBlock.Span);
        return expiresAt - now <= AuthTokenRefreshMargin || expirationBlock - lastSeenL1Block <= ParamsExpiryBuffer;
    }

    /// <summary>New info (a refresh, or the one every TranscodeResult carries) replaces the ticket params and auth token.</summary>
    public void Update(OrchestratorInfo info)
    {
        // A fresh auth token of a refresh is kept; a TranscodeResult's info echoes ours.
        Info = info.AuthToken is null ? new OrchestratorInfo(info) { AuthToken = Info.AuthToken } : info;
        Price = WireConvert.FromWire(Info.PriceInfo);
        if (Info.Transcoder != Transcoder.OriginalString)
        {
            Transcoder = Uri.TryCreate(Info.Transcoder, UriKind.Absolute, out var transcoder)
                ? transcoder
                : throw new OrchestratorException(Candidate.Uri, $"invalid transcoder URI '{Info.Transcoder}'");
        }
    }

    /// <summary>go-livepeer refuses to pay more than twice the price the session started at.</summary>
    public string? PriceIncrease()
    {
        var price = Price;
        return price.PricePerPixel > new BigRational(PriceIncreaseThreshold, 1) * InitialPrice.PricePerPixel
            ? $"raised its price from {InitialPrice} to {price}, more than {PriceIncreaseThreshold}x"
            : null;
    }
}
