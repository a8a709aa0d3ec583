using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Livepeer.AI;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Livepeer.GatewayApi.Apis.AI;

/// <summary>
/// Reads and validates a gateway AI request against its <see cref="AIRequestSchema"/>: missing or mistyped fields → 422
/// naming the field, an oversized body → 413; the result carries every documented default and the model it is for.
/// </summary>
public static class AIRequestReader
{
    /// <summary>The runner's upload limit (ai-runner returns 413 above 50 MiB; see shared spec: ai.md §2.2).</summary>
    public const long MaxFileBytes = 50L << 20;

    /// <summary>A JSON request carries text only; this is generous for an LLM conversation.</summary>
    public const long MaxJsonBytes = 4L << 20;

    public static async Task<(AIJob? Job, IResult? Error)> ReadAsync(HttpRequest request, AIRequestSchema schema)
    {
        var limit = schema.Multipart ? MaxFileBytes + (1 << 20) : MaxJsonBytes;
        if (request.ContentLength > limit)
            return (null, TooLarge(schema));
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
            bodyLimit.MaxRequestBodySize = limit;
        try
        {
            return schema.Multipart ? await ReadMultipartAsync(request, schema) : await ReadJsonAsync(request, schema);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(schema));
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return (null, TooLarge(schema));
        }
    }

    private static IResult TooLarge(AIRequestSchema schema) => AIErrors.Detail(StatusCodes.Status413PayloadTooLarge,
        schema.Multipart ? $"File size exceeds limit of {MaxFileBytes >> 20} MB" : $"Request body exceeds {MaxJsonBytes >> 20} MB");

    private static async Task<(AIJob?, IResult?)> ReadJsonAsync(HttpRequest request, AIRequestSchema schema)
    {
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return (null, AIErrors.Validation("", "JSON decode error", "json_invalid"));
        }
        if (body is null)
            return (null, AIErrors.Validation("", "Input should be a valid dictionary or object to extract fields from", "model_attributes_type"));

        var normalised = new JsonObject();
        foreach (var field in schema.Fields)
        {
            var value = body[field.Name];
            if (value is null)
            {
                if (field.Required)
                    return (null, AIErrors.Validation(field.Name, "Field required", "missing"));
                if (field.Default is not null)
                    normalised[field.Name] = JsonDefault(field.Default);
                continue;
            }
            if (CheckJson(field, value) is { } error)
                return (null, error);
            normalised[field.Name] = value.DeepClone();
        }
        var model = AIPipelines.ModelOrDefault(schema.Pipeline, normalised[schema.ModelField]?.GetValue<string>());
        normalised[schema.ModelField] = model;
        var stream = normalised["stream"]?.GetValue<bool>() == true;
        return (new AIJob(schema.Pipeline, model, JsonSerializer.SerializeToUtf8Bytes(normalised), [], null, stream), null);
    }

    private static IResult? CheckJson(AIField field, JsonNode value)
    {
        var kind = value.GetValueKind();
        return field.Type switch
        {
            AIFieldType.String when kind != JsonValueKind.String => AIErrors.Validation(field.Name, "Input should be a valid string", "string_type"),
            AIFieldType.Integer when kind != JsonValueKind.Number || !value.AsValue().TryGetValue<long>(out _) =>
                AIErrors.Validation(field.Name, "Input should be a valid integer", "int_type"),
            AIFieldType.Number when kind != JsonValueKind.Number => AIErrors.Validation(field.Name, "Input should be a valid number", "float_type"),
            AIFieldType.Boolean when kind is not (JsonValueKind.True or JsonValueKind.False) =>
                AIErrors.Validation(field.Name, "Input should be a valid boolean", "bool_type"),
            AIFieldType.Messages => CheckMessages(field, value),
            _ => null,
        };
    }

    private static IResult? CheckMessages(AIField field, JsonNode value)
    {
        if (value is not JsonArray messages)
            return AIErrors.Validation(field.Name, "Input should be a valid list", "list_type");
        // go-livepeer's gateway refuses an LLM request without messages (see shared spec: ai.md §2.2).
        if (messages.Count == 0)
            return AIErrors.Validation(field.Name, "List should have at least 1 item after validation, not 0", "too_short");
        foreach (var message in messages)
        {
            if (message is not JsonObject m || m["role"]?.GetValueKind() != JsonValueKind.String || m["content"]?.GetValueKind() != JsonValueKind.String)
                return AIErrors.Validation(field.Name, "Each message should be an object with string 'role' and 'content'", "model_type");
        }
        return null;
    }

    private static async Task<(AIJob?, IResult?)> ReadMultipartAsync(HttpRequest request, AIRequestSchema schema)
    {
        var fileField = schema.Fields.Single(f => f.Type == AIFieldType.File);
        if (!request.HasFormContentType)
            return (null, AIErrors.Validation(fileField.Name, "Field required", "missing"));
        var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxFileBytes + (1 << 20) }, request.HttpContext.RequestAborted);
        AIFile? file = null;
        var fields = new List<AIFormField>();
        string? modelId = null;
        foreach (var field in schema.Fields)
        {
            if (field.Type == AIFieldType.File)
            {
                var upload = form.Files.GetFile(field.Name);
                if (upload is null)
                    return (null, AIErrors.Validation(field.Name, "Field required", "missing"));
                if (upload.Length > MaxFileBytes)
                    return (null, TooLarge(schema));
                using var content = new MemoryStream((int)upload.Length);
                await upload.CopyToAsync(content, request.HttpContext.RequestAborted);
                file = new AIFile(field.Name, string.IsNullOrEmpty(upload.FileName) ? field.Name : upload.FileName, content.ToArray());
                continue;
            }
            string? text = form.TryGetValue(field.Name, out var values) ? values.ToString() : null;
            if (text is null)
            {
                if (field.Required)
                    return (null, AIErrors.Validation(field.Name, "Field required", "missing"));
                if (field.Default is null)
                    continue;
                text = FormText(field.Default);
            }
            else if (CheckText(field, ref text) is { } error)
            {
                return (null, error);
            }
            if (field.Name == schema.ModelField)
            {
                modelId = AIPipelines.ModelOrDefault(schema.Pipeline, text);
                text = modelId;
            }
            fields.Add(new AIFormField(field.Name, text));
        }
        return (new AIJob(schema.Pipeline, modelId ?? AIPipelines.ModelOrDefault(schema.Pipeline, null), null, fields, file, false), null);
    }

    /// <summary>Checks a multipart text part's form and writes booleans as <c>true</c>/<c>false</c>, as FastAPI reads them.</summary>
    private static IResult? CheckText(AIField field, ref string text)
    {
        switch (field.Type)
        {
            case AIFieldType.Integer when !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _):
                return AIErrors.Validation(field.Name, "Input should be a valid integer, unable to parse string as an integer", "int_parsing");
            case AIFieldType.Number when !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _):
                return AIErrors.Validation(field.Name, "Input should be a valid number, unable to parse string as a number", "float_parsing");
            case AIFieldType.Boolean:
                switch (text.Trim().ToLowerInvariant())
                {
                    case "true" or "1" or "yes" or "on" or "t" or "y":
                        text = "true";
                        return null;
                    case "false" or "0" or "no" or "off" or "f" or "n":
                        text = "false";
                        return null;
                    default:
                        return AIErrors.Validation(field.Name, "Input should be a valid boolean, unable to interpret input", "bool_parsing");
                }
            default:
                return null;
        }
    }

    private static JsonNode JsonDefault(object value) => value switch
    {
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        double d => JsonValue.Create(d),
        _ => JsonValue.Create((string)value),
    };

    private static string FormText(object value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };
}
