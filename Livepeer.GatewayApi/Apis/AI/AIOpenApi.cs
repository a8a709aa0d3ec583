using System.Text.Json;
using System.Text.Json.Nodes;

namespace Livepeer.GatewayApi.Apis.AI;

/// <summary>
/// The OpenAPI 3.1 document of the gateway AI API, built from <see cref="AIRequestSchema"/> so that it always describes
/// what the gateway accepts; response and error schemas as in ai-runner's gateway spec (see shared spec: ai.md §2.4, §2.7).
/// </summary>
public static class AIOpenApi
{
    public static string Document { get; } = Build().ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private static JsonObject Build()
    {
        var paths = new JsonObject();
        var schemas = ResponseSchemas();
        foreach (var request in AIRequestSchema.All)
        {
            schemas[request.RequestName] = RequestSchema(request);
            var contentType = request.Multipart ? "multipart/form-data" : "application/json";
            var responses = new JsonObject
            {
                ["200"] = Response("Successful Response", request.ResponseName),
                ["400"] = Response("Bad Request", "HTTPError"),
                ["401"] = Response("Unauthorized", "HTTPError"),
                ["413"] = Response("Request Entity Too Large", "HTTPError"),
                ["422"] = Response("Validation Error", "HTTPValidationError"),
                ["500"] = Response("Internal Server Error", "HTTPError"),
                ["503"] = Response("No runner or capacity for the model", "HTTPError"),
            };
            paths[request.Path] = new JsonObject
            {
                ["post"] = new JsonObject
                {
                    ["tags"] = new JsonArray("generate"),
                    ["operationId"] = "gen" + string.Concat(request.Pipeline.Split('-').Select(w => w == "llm" ? "LLM" : char.ToUpperInvariant(w[0]) + w[1..])),
                    ["requestBody"] = new JsonObject
                    {
                        ["required"] = true,
                        ["content"] = new JsonObject { [contentType] = new JsonObject { ["schema"] = Ref(request.RequestName) } },
                    },
                    ["responses"] = responses,
                    ["security"] = new JsonArray(new JsonObject { ["HTTPBearer"] = new JsonArray() }),
                },
            };
        }
        paths["/image-to-video/result"] = new JsonObject
        {
            ["post"] = new JsonObject
            {
                ["tags"] = new JsonArray("generate"),
                ["summary"] = "Poll an image-to-video request started with 'Prefer: respond-async'",
                ["requestBody"] = new JsonObject
                {
                    ["required"] = true,
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Object(["request_id"], ("request_id", Type("string"))) } },
                },
                ["responses"] = new JsonObject
                {
                    ["200"] = new JsonObject { ["description"] = "{\"status\":\"complete\",\"result\":VideoResponse or {\"error\":{\"message\"}}}" },
                    ["202"] = new JsonObject { ["description"] = "{\"status\":\"processing\"}" },
                    ["404"] = Response("Unknown request_id", "HTTPError"),
                },
            },
        };
        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject { ["title"] = "Livepeer AI Gateway API", ["version"] = "0.0.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject { ["HTTPBearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer" } },
            },
        };
    }

    private static JsonObject RequestSchema(AIRequestSchema request)
    {
        var properties = new JsonObject();
        foreach (var field in request.Fields)
        {
            var property = field.Type switch
            {
                AIFieldType.String => Type("string"),
                AIFieldType.Integer => Type("integer"),
                AIFieldType.Number => Type("number"),
                AIFieldType.Boolean => Type("boolean"),
                AIFieldType.File => new JsonObject { ["type"] = "string", ["format"] = "binary" },
                _ => new JsonObject { ["type"] = "array", ["items"] = Ref("LLMMessage") },
            };
            if (field.Default is { } value)
                property["default"] = JsonSerializer.SerializeToNode(value);
            if (field.Description is { } description)
                property["description"] = description;
            properties[field.Name] = property;
        }
        var schema = new JsonObject { ["type"] = "object", ["title"] = request.RequestName, ["properties"] = properties };
        schema["required"] = new JsonArray([.. request.Fields.Where(f => f.Required).Select(f => (JsonNode)f.Name)]);
        return schema;
    }

    private static JsonObject ResponseSchemas() => new()
    {
        ["Media"] = Object(["url", "seed", "nsfw"], ("url", Type("string")), ("seed", Type("integer")), ("nsfw", Type("boolean"))),
        ["ImageResponse"] = Object(["images"], ("images", Array(Ref("Media")))),
        ["VideoResponse"] = Object(["images"], ("images", Array(Ref("Media")))),
        ["Chunk"] = Object(["timestamp", "text"], ("timestamp", Array(Type("number"))), ("text", Type("string"))),
        ["TextResponse"] = Object(["text", "chunks"], ("text", Type("string")), ("chunks", Array(Ref("Chunk")))),
        ["MasksResponse"] = Object(["masks", "scores", "logits"], ("masks", Type("string")), ("scores", Type("string")), ("logits", Type("string"))),
        ["ImageToTextResponse"] = Object(["text"], ("text", Type("string"))),
        ["AudioResponse"] = Object(["audio"], ("audio", Object(["url"], ("url", Type("string"))))),
        ["LLMMessage"] = Object(["role", "content"], ("role", Type("string")), ("content", Type("string"))),
        ["LLMTokenUsage"] = Object(["prompt_tokens", "completion_tokens", "total_tokens"], ("prompt_tokens", Type("integer")), ("completion_tokens", Type("integer")), ("total_tokens", Type("integer"))),
        ["LLMChoice"] = Object(["index"], ("index", Type("integer")), ("finish_reason", Type("string")), ("message", Ref("LLMMessage")), ("delta", Ref("LLMMessage"))),
        ["LLMResponse"] = Object(["id", "model", "created", "usage", "choices"], ("id", Type("string")), ("model", Type("string")), ("created", Type("integer")), ("usage", Ref("LLMTokenUsage")),
            ("choices", Array(Ref("LLMChoice")))),
        ["HTTPError"] = Object(["detail"], ("detail", Object(["msg"], ("msg", Type("string"))))),
        ["ValidationError"] = Object(["loc", "msg", "type"], ("loc", Array(new JsonObject { ["anyOf"] = new JsonArray(Type("string"), Type("integer")) })), ("msg", Type("string")),
            ("type", Type("string"))),
        ["HTTPValidationError"] = Object([], ("detail", Array(Ref("ValidationError")))),
    };

    private static JsonObject Response(string description, string schema) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref(schema) } },
    };

    private static JsonObject Ref(string name) => new() { ["$ref"] = $"#/components/schemas/{name}" };

    private static JsonObject Type(string type) => new() { ["type"] = type };

    private static JsonObject Array(JsonObject items) => new() { ["type"] = "array", ["items"] = items };

    private static JsonObject Object(string[] required, params (string Name, JsonObject Schema)[] properties)
    {
        var schema = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject(properties.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)p.Schema))) };
        if (required.Length > 0)
            schema["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]);
        return schema;
    }
}
