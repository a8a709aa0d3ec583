using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Livepeer.Payments;

namespace Livepeer.AI;

/// <summary>
/// Parses go-livepeer's <c>-aiModels</c> value: a path to a JSON array of <see cref="AIModelConfig"/>, inline JSON, or a
/// comma list of <c>pipeline:model_id:warm</c>, with go-livepeer's start-up rules (see shared spec: ai.md §6.1, §6.2).
/// </summary>
public static class AIModelConfigs
{
    public static IReadOnlyList<AIModelConfig> Parse(string value)
    {
        var text = value.Trim();
        if (text.Length == 0)
            return [];
        if (!text.StartsWith('[') && File.Exists(text))
            text = File.ReadAllText(text);
        var models = text.StartsWith('[') ? ParseJson(text) : ParseInline(text);
        foreach (var byModel in models.GroupBy(m => (m.Pipeline, m.ModelId)))
        {
            if (byModel.Select(m => m.Warm).Distinct().Count() > 1)
                throw new FormatException($"aiModels: {byModel.Key.ModelId} ({byModel.Key.Pipeline}) cannot be both warm and cold");
        }
        return models;
    }

    private static List<AIModelConfig> ParseInline(string text)
    {
        var models = new List<AIModelConfig>();
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split(':');
            if (parts.Length != 3 || !bool.TryParse(parts[2], out var warm))
                throw new FormatException($"aiModels: '{entry}' is not pipeline:model_id:warm");
            models.Add(Checked(new AIModelConfig(parts[0], parts[1], null, null, warm, 1, new Dictionary<string, string>(), null)));
        }
        return models;
    }

    private static List<AIModelConfig> ParseJson(string text)
    {
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var models = new List<AIModelConfig>();
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            var pipeline = String(entry, "pipeline") ?? throw new FormatException("aiModels: an entry has no pipeline");
            var modelId = String(entry, "model_id") ?? throw new FormatException($"aiModels: a {pipeline} entry has no model_id");
            var flags = new Dictionary<string, string>();
            if (entry.TryGetProperty("optimization_flags", out var flagsJson) && flagsJson.ValueKind == JsonValueKind.Object)
                foreach (var flag in flagsJson.EnumerateObject())
                    flags[flag.Name] = flag.Value.ToString();
            var currency = String(entry, "currency");
            if (!string.IsNullOrEmpty(currency) && !currency.Equals("WEI", StringComparison.OrdinalIgnoreCase))
                throw new FormatException($"aiModels: {modelId}: currency {currency} needs a price feed, which this node does not have; give price_per_unit in wei");
            PriceInfo? price = null;
            if (entry.TryGetProperty("price_per_unit", out var priceJson))
            {
                var pixels = entry.TryGetProperty("pixels_per_unit", out var pixelsJson) ? Rational(pixelsJson, modelId) : (Numerator: BigInteger.One, Denominator: BigInteger.One);
                var perUnit = Rational(priceJson, modelId);
                // (a/b) / (c/d) = ad / bc wei per unit.
                var numerator = perUnit.Numerator * pixels.Denominator;
                var denominator = perUnit.Denominator * pixels.Numerator;
                if (denominator.IsZero)
                    throw new FormatException($"aiModels: {modelId}: pixels_per_unit must be positive");
                var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
                price = new PriceInfo((long)(numerator / gcd), (long)(denominator / gcd));
            }
            var capacity = entry.TryGetProperty("capacity", out var capacityJson) ? capacityJson.GetInt32() : 1;
            var warm = entry.TryGetProperty("warm", out var warmJson) && warmJson.GetBoolean();
            models.Add(Checked(new AIModelConfig(pipeline, modelId, NullIfEmpty(String(entry, "url")), NullIfEmpty(String(entry, "token")),
                warm, capacity, flags, price)));
        }
        return models;
    }

    private static AIModelConfig Checked(AIModelConfig model)
    {
        if (!AIPipelines.IsKnown(model.Pipeline))
            throw new FormatException($"aiModels: unknown pipeline '{model.Pipeline}'");
        if (model.ModelId.Length == 0)
            throw new FormatException($"aiModels: a {model.Pipeline} entry has an empty model_id");
        if (model.Capacity < 1)
            throw new FormatException($"aiModels: {model.ModelId}: capacity must be at least 1");
        if (model.Url is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            throw new FormatException($"aiModels: {model.ModelId}: url '{url}' is not an absolute URL");
        return model;
    }

    private static string? String(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>A non-negative JSON number (or numeric string) as an exact fraction: go-livepeer reads these into a <c>big.Rat</c>.</summary>
    private static (BigInteger Numerator, BigInteger Denominator) Rational(JsonElement value, string modelId)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < 0)
            throw new FormatException($"aiModels: {modelId}: '{text}' is not a non-negative number");
        var bits = decimal.GetBits(number);
        var scale = (bits[3] >> 16) & 0xFF;
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        return (mantissa, BigInteger.Pow(10, scale));
    }
}
