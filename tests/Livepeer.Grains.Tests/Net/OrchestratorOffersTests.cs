using System.Text;
using Google.Protobuf;
using Livepeer.AI;
using Livepeer.Cuda.Devices;
using Livepeer.Net;
using Price = Livepeer.Payments.PriceInfo;

namespace Livepeer.Grains.Tests.Net;

/// <summary>
/// The prices and hardware an <c>OrchestratorInfo</c> carries besides the base price (see shared spec: network.md
/// §4.2 and §10.2): the job price of a request's capabilities, and the golden encoding of <c>capabilities_prices</c>
/// (field 33) and <c>hardware</c> (field 7).
/// </summary>
public sealed class OrchestratorOffersTests
{
    private static readonly Price BasePrice = new(5, 1);

    private static readonly AIModelConfig[] Models =
    [
        Model(AIPipelines.TextToImage, "sdxl", new Price(3, 1)),
        Model(AIPipelines.LLM, "llama", new Price(1, 2)),
        Model(AIPipelines.TextToImage, "sdxl", new Price(3, 1)), // a second runner of the same model
    ];

    [Fact]
    public void A_request_without_model_constraints_is_quoted_the_base_price()
    {
        Assert.Equal(BasePrice, OrchestratorOffers.JobPrice(null, BasePrice, ModelPrice));
        Assert.Equal(BasePrice, OrchestratorOffers.JobPrice(new Capabilities { Bitstring = { 1UL } }, BasePrice, ModelPrice));
    }

    [Fact]
    public void A_request_for_models_is_quoted_the_sum_of_the_prices_of_those_this_node_serves()
    {
        var request = Request((27, ["sdxl", "unknown-model"]), (33, ["llama"]));

        Assert.Equal(new Price(7, 2), OrchestratorOffers.JobPrice(request, BasePrice, ModelPrice)); // 3 + 1/2
    }

    [Fact]
    public void A_request_only_for_models_or_capabilities_this_node_does_not_price_gets_the_base_price()
    {
        var request = Request((27, ["unknown-model"]), (1, ["not-a-pipeline"]));

        Assert.Equal(BasePrice, OrchestratorOffers.JobPrice(request, BasePrice, ModelPrice));
    }

    [Fact]
    public void Capabilities_prices_encode_as_field_33_with_capability_and_model_constraint()
    {
        var info = new OrchestratorInfo();
        info.CapabilitiesPrices.AddRange(OrchestratorOffers.CapabilityPrices(Models, (p, m) => ModelPrice(p, m)!));

        byte[] sdxl = [0x08, 3, 0x10, 1, 0x18, 27, 0x22, 4, .. "sdxl"u8];   // 3 wei / 1 pixel, Text to image, "sdxl"
        byte[] llama = [0x08, 1, 0x10, 2, 0x18, 33, 0x22, 5, .. "llama"u8]; // 1 wei / 2 pixels, LLM, "llama"
        byte[] expected = [0x8a, 0x02, (byte)sdxl.Length, .. sdxl, 0x8a, 0x02, (byte)llama.Length, .. llama];
        Assert.Equal(expected, info.ToByteArray());
        Assert.Equal(info, OrchestratorInfo.Parser.ParseFrom(expected));
    }

    [Fact]
    public void Hardware_encodes_as_field_7_with_each_gpu_keyed_by_its_cuda_ordinal()
    {
        GpuDeviceInfo[] gpus = [new(0, "RTX", 300, "8.6")];
        var info = new OrchestratorInfo();
        info.Hardware.AddRange(OrchestratorOffers.Hardware(gpus, [Model(AIPipelines.LLM, "llama", null)]));

        byte[] gpu = [0x0a, 1, (byte)'0', 0x12, 3, .. "RTX"u8, 0x20, 8, 0x28, 6, 0x38, 0xac, 0x02]; // id, name, major, minor, memory_total 300
        byte[] entry = [0x0a, 1, (byte)'0', 0x12, (byte)gpu.Length, .. gpu];                           // map key "0" → value
        byte[] hardware = [0x0a, 3, .. "llm"u8, 0x12, 5, .. "llama"u8, 0x1a, (byte)entry.Length, .. entry];
        byte[] expected = [0x3a, (byte)hardware.Length, .. hardware];
        Assert.Equal(expected, info.ToByteArray());
        Assert.Equal(info, OrchestratorInfo.Parser.ParseFrom(expected));
    }

    [Fact]
    public void Hardware_is_empty_without_a_gpu_and_describes_transcoding_when_no_model_is_served()
    {
        Assert.Empty(OrchestratorOffers.Hardware([], Models));

        var transcoding = Assert.Single(OrchestratorOffers.Hardware([new(1, "H100", 80, "unknown")], []));
        Assert.Equal(("", ""), (transcoding.Pipeline, transcoding.ModelId));
        var gpu = transcoding.GpuInfo["1"];
        Assert.Equal(("1", "H100", 0u, 0u, 80L), (gpu.Id, gpu.Name, gpu.Major, gpu.Minor, gpu.MemoryTotal));
    }

    private static Price? ModelPrice(string pipeline, string model) =>
        Models.FirstOrDefault(m => m.Pipeline == pipeline && m.ModelId == model)?.Price;

    private static AIModelConfig Model(string pipeline, string model, Price? price) =>
        new(pipeline, model, null, null, false, 1, new Dictionary<string, string>(), price);

    private static Capabilities Request(params (uint Capability, string[] Models)[] constraints)
    {
        var caps = new Capabilities { Constraints = new Capabilities.Types.Constraints() };
        foreach (var (capability, models) in constraints)
        {
            var perCapability = new Capabilities.Types.CapabilityConstraints();
            foreach (var model in models)
                perCapability.Models[model] = new Capabilities.Types.CapabilityConstraints.Types.ModelConstraint();
            caps.Constraints.PerCapability[capability] = perCapability;
        }
        return caps;
    }
}
