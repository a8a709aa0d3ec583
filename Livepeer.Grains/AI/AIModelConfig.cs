namespace Livepeer.AI;

/// <summary>
/// One entry of go-livepeer's <c>aiModels.json</c> (<c>core/ai.go</c> <c>AIModelConfig</c>; see shared spec: ai.md §6.1).
/// </summary>
/// <param name="Url">An external ai-runner's base URL; null for a built-in runner.</param>
/// <param name="Token">The bearer token sent to that runner.</param>
/// <param name="Capacity">Concurrent requests the runner takes (go-livepeer's default 1).</param>
/// <param name="Price">The price after <c>pixels_per_unit</c>; null when the entry names none (the node's price applies).</param>
[GenerateSerializer, Immutable]
public sealed record AIModelConfig(
    [property: Id(0)] string Pipeline,
    [property: Id(1)] string ModelId,
    [property: Id(2)] string? Url,
    [property: Id(3)] string? Token,
    [property: Id(4)] bool Warm,
    [property: Id(5)] int Capacity,
    [property: Id(6)] IReadOnlyDictionary<string, string> OptimizationFlags,
    [property: Id(7)] Payments.PriceInfo? Price);
