using System.Net;
using Google.Protobuf;
using Grpc.Net.Client;
using Livepeer.Crypto;
using Livepeer.Net;
using Livepeer.Node;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Integration.Tests.AI;

/// <summary>
/// GetOrchestrator on the service port of a node with an aiModels.json, as a go-livepeer gateway asks it (see shared
/// spec: network.md §4.2): the per-model price list and hardware for a request without capabilities, and the price of
/// the requested models for one with them.
/// </summary>
[Collection(AINodeCollection.Name)]
public sealed class AIOfferTests(AINodeFixture node) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } })
    {
        DefaultRequestVersion = HttpVersion.Version20,
    };

    private Uri Service => new($"https://127.0.0.1:{node.ServicePort}");

    private EthKey Gateway => node.Services.GetRequiredService<NodeKeys>().Gateway;

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task A_request_without_capabilities_gets_every_models_price_and_no_hardware_on_a_host_without_gpu()
    {
        var info = await GetOrchestratorAsync(Request(null));

        Assert.Equal(new PriceInfo { PricePerUnit = 1, PixelsPerUnit = 1 }, info.PriceInfo);
        var prices = info.CapabilitiesPrices.ToDictionary(p => (p.Capability, p.Constraint), p => (p.PricePerUnit, p.PixelsPerUnit));
        Assert.Equal((AINodeFixture.TextToImagePrice, 1L), prices[(27u, "test/t2i")]);
        Assert.Equal((1L, 1L), prices[(33u, "test/llm")]); // no price in its entry: the node's price
        Assert.Equal((1L, 1L), prices[(34u, "test/no-runner")]);
        Assert.Equal(info.CapabilitiesPrices.Count, prices.Count); // each (capability, model) once, though listed twice
        Assert.Empty(info.Hardware);
    }

    [Fact]
    public async Task A_request_for_models_is_quoted_their_summed_price_with_ticket_params_for_it_and_no_price_list()
    {
        var caps = new Capabilities { Constraints = new Capabilities.Types.Constraints() };
        foreach (var (capability, model) in new[] { (27u, "test/t2i"), (33u, "test/llm") })
        {
            caps.Constraints.PerCapability[capability] = new Capabilities.Types.CapabilityConstraints
            {
                Models = { [model] = new Capabilities.Types.CapabilityConstraints.Types.ModelConstraint() },
            };
        }

        var info = await GetOrchestratorAsync(Request(caps));

        Assert.Equal(new PriceInfo { PricePerUnit = AINodeFixture.TextToImagePrice + 1, PixelsPerUnit = 1 }, info.PriceInfo);
        Assert.NotNull(info.TicketParams);
        Assert.Empty(info.CapabilitiesPrices);
        Assert.Empty(info.Hardware);
    }

    /// <summary>GetOrchestrator with a generous deadline: a node's first call activates its grains, slow on a busy host.</summary>
    private async Task<OrchestratorInfo> GetOrchestratorAsync(OrchestratorRequest request)
    {
        using var channel = GrpcChannel.ForAddress(Service, new GrpcChannelOptions { HttpClient = _http });
        return await new Livepeer.Net.Orchestrator.OrchestratorClient(channel).GetOrchestratorAsync(request, deadline: DateTime.UtcNow.AddMinutes(1));
    }

    private OrchestratorRequest Request(Capabilities? capabilities)
    {
        var request = new OrchestratorRequest
        {
            Address = ByteString.CopyFrom(Gateway.Address.Span),
            Sig = ByteString.CopyFrom(Gateway.SignPersonalKeccak(WireSignatures.OrchestratorRequestMessage(Gateway.Address))),
        };
        if (capabilities is not null)
            request.Capabilities = capabilities;
        return request;
    }
}
