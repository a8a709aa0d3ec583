using Microsoft.AspNetCore.Http;

namespace Livepeer.GatewayApi.Apis.AI;

/// <summary>
/// Errors in the shapes the official SDKs decode (see shared spec: ai.md §2.7, §4.3): <c>{"detail":{"msg":...}}</c>,
/// and FastAPI's <c>{"detail":[{"loc","msg","type"}]}</c> with 422 for request validation. go-livepeer's own
/// <c>{"error":{"message"}}</c> shape is not used: the SDKs cannot parse it.
/// </summary>
public static class AIErrors
{
    public static IResult Detail(int statusCode, string message) =>
        Results.Json(new { detail = new { msg = message } }, statusCode: statusCode);

    public static IResult Validation(string field, string message, string type) =>
        Results.Json(new { detail = new[] { new { loc = field.Length == 0 ? new[] { "body" } : new[] { "body", field }, msg = message, type } } },
            statusCode: StatusCodes.Status422UnprocessableEntity);
}
