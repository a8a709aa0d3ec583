using Google.Protobuf;
using Livepeer.AI;
using Livepeer.Cuda.Devices;
using Livepeer.Crypto;
using Livepeer.Net;
using Livepeer.Node;
using Livepeer.Orchestrator;
using Microsoft.Extensions.Options;

namespace Livepeer.GatewayApi.Apis;

/// <summary>
/// What the orchestrator's wire handlers share: its key, its auth tokens, its service URI and the way it builds an
/// <c>OrchestratorInfo</c> from its grain (see shared spec: network.md §4.2).
/// </summary>
public sealed class OrchestratorWire(
    IGrainFactory grains, NodeKeys keys, AuthTokens tokens, NodePayments payments, AIModels aiModels, IOptions<NodeOptions> options)
{
    private readonly Capabilities _capabilities = CapabilitySet.Orchestrator(CapabilitySet.ParseFormats(options.Value.SegmentFormats));

    public EthKey Key => keys.Orchestrator;

    public AuthTokens Tokens => tokens;

    public Capabilities Capabilities => _capabilities;

    public Uri ServiceUri { get; } = options.Value.ServiceUri;

    public IOrchestratorGrain Grain => grains.GetGrain<IOrchestratorGrain>(keys.Orchestrator.Address.ToString());

    /// <summary>
    /// A fresh <c>OrchestratorInfo</c> for <paramref name="sender"/>: new ticket params at the price of the
    /// <paramref name="requested"/> capabilities, and a new auth token unless one is kept. A request that names no
    /// capabilities also gets the per-(capability, model) prices and the hardware (go-livepeer's <c>getOrchestrator</c>).
    /// </summary>
    public async Task<(Net.OrchestratorInfo? Info, string? Error, bool HasCapacity)> InfoAsync(EthAddress sender, AuthToken? keepToken, Capabilities? requested)
    {
        var price = OrchestratorOffers.JobPrice(requested, payments.Price, (pipeline, model) => aiModels.Offers(pipeline, model) ? aiModels.Price(pipeline, model) : null);
        var info = await Grain.GetOrchestratorInfo(sender, price);
        if (info.TicketParams is not { } ticketParams)
            return (null, info.Error?.Message ?? "no ticket params", info.HasCapacity);
        var wire = new Net.OrchestratorInfo
        {
            Transcoder = ServiceUri.ToString().TrimEnd('/'),
            TicketParams = WireConvert.ToWire(ticketParams),
            PriceInfo = WireConvert.ToWire(info.Price),
            Address = ByteString.CopyFrom(info.Address.Span),
            Capabilities = _capabilities,
            AuthToken = keepToken ?? tokens.Issue(),
        };
        if (requested is null)
        {
            wire.CapabilitiesPrices.AddRange(OrchestratorOffers.CapabilityPrices(aiModels.Configs, aiModels.Price));
            wire.Hardware.AddRange(OrchestratorOffers.Hardware(CudaDevices.Describe(), aiModels.Configs));
        }
        return (wire, null, info.HasCapacity);
    }
}
