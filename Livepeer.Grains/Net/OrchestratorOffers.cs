using System.Globalization;
using Livepeer.AI;
using Livepeer.Cuda.Devices;
using Livepeer.Payments;

namespace Livepeer.Net;

/// <summary>
/// What an orchestrator's <c>OrchestratorInfo</c> says about its prices and hardware besides the base price (see
/// shared spec: network.md §4.2): the price a request's capabilities are quoted at, the per-(capability, model) price
/// list and the GPUs behind each model, the last two only for a request that names no capabilities.
/// </summary>
public static class OrchestratorOffers
{
    /// <summary>
    /// go-livepeer's <c>priceInfo</c> for a request: with no capabilities, or none that constrain a model this node
    /// prices, the base price; otherwise the sum of the prices of every requested (capability, model) it prices.
    /// </summary>
    /// <param name="modelPrice">The price of a (pipeline, model) this node serves; null when it serves none.</param>
    public static Payments.PriceInfo JobPrice(Capabilities? requested, Payments.PriceInfo basePrice, Func<string, string, Payments.PriceInfo?> modelPrice)
    {
        var sum = BigRational.Zero;
        foreach (var (capability, constraints) in requested?.Constraints?.PerCapability ?? [])
        {
            if (AIPipelines.PipelineOf((int)capability) is not { } pipeline)
                continue;
            foreach (var model in constraints.Models.Keys)
            {
                if (modelPrice(pipeline, model) is { } price)
                    sum += price.PricePerPixel;
            }
        }
        if (sum == BigRational.Zero)
            return basePrice;
        return sum.Numerator <= long.MaxValue && sum.Denominator <= long.MaxValue
            ? new Payments.PriceInfo((long)sum.Numerator, (long)sum.Denominator)
            : throw new WireFormatException($"the requested models' price {sum.Numerator}/{sum.Denominator} does not fit a PriceInfo");
    }

    /// <summary>
    /// <c>capabilities_prices</c>: one entry per (pipeline, model) of aiModels.json, with <c>capability</c> the
    /// pipeline's capability and <c>constraint</c> the model ID, in the file's order.
    /// </summary>
    public static IReadOnlyList<PriceInfo> CapabilityPrices(IEnumerable<AIModelConfig> models, Func<string, string, Payments.PriceInfo> modelPrice) =>
        [.. Models(models).Select(m =>
        {
            var price = modelPrice(m.Pipeline, m.ModelId);
            return new PriceInfo
            {
                PricePerUnit = price.PricePerUnit,
                PixelsPerUnit = price.PixelsPerUnit,
                Capability = (uint)AIPipelines.Capability(m.Pipeline),
                Constraint = m.ModelId,
            };
        })];

    /// <summary>
    /// <c>hardware</c>: the node's CUDA devices behind each (pipeline, model) of aiModels.json, or behind transcoding
    /// (empty pipeline and model) when it serves no model; empty without a GPU. <c>gpu_info</c> is keyed by the CUDA
    /// ordinal, as ai-runner keys it; free memory is not probed, so it stays 0.
    /// </summary>
    public static IReadOnlyList<HardwareInformation> Hardware(IReadOnlyList<GpuDeviceInfo> gpus, IEnumerable<AIModelConfig> models)
    {
        if (gpus.Count == 0)
            return [];
        var served = Models(models).ToList();
        if (served.Count == 0)
            served.Add(("", ""));
        return [.. served.Select(m =>
        {
            var info = new HardwareInformation { Pipeline = m.Pipeline, ModelId = m.ModelId };
            foreach (var gpu in gpus)
                info.GpuInfo[gpu.Index.ToString(CultureInfo.InvariantCulture)] = ComputeInfo(gpu);
            return info;
        })];
    }

    private static GPUComputeInfo ComputeInfo(GpuDeviceInfo gpu)
    {
        var info = new GPUComputeInfo { Id = gpu.Index.ToString(CultureInfo.InvariantCulture), Name = gpu.Name, MemoryTotal = gpu.MemoryBytes };
        var parts = gpu.ComputeCapability.Split('.');
        if (parts.Length == 2 && uint.TryParse(parts[0], CultureInfo.InvariantCulture, out var major) && uint.TryParse(parts[1], CultureInfo.InvariantCulture, out var minor))
        {
            info.Major = major;
            info.Minor = minor;
        }
        return info;
    }

    /// <summary>The distinct known (pipeline, model) pairs of aiModels.json, in order (a model listed twice is one offer).</summary>
    private static IEnumerable<(string Pipeline, string ModelId)> Models(IEnumerable<AIModelConfig> models) =>
        models.Where(m => AIPipelines.IsKnown(m.Pipeline)).Select(m => (m.Pipeline, m.ModelId)).Distinct();
}
