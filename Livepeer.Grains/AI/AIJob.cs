namespace Livepeer.AI;

/// <summary>
/// One batch AI request as the runner receives it (see shared spec: ai.md §1, §2.2): the pipeline, the model it is for,
/// and either a JSON body or multipart text fields plus a media file, with the gateway's defaults filled in.
/// </summary>
/// <param name="Json">The JSON body of a JSON pipeline (text-to-image, llm, text-to-speech); null for multipart ones.</param>
/// <param name="Stream">An LLM request that asked for server-sent events.</param>
[GenerateSerializer, Immutable]
public sealed record AIJob(
    [property: Id(0)] string Pipeline,
    [property: Id(1)] string ModelId,
    [property: Id(2)] byte[]? Json,
    [property: Id(3)] IReadOnlyList<AIFormField> Fields,
    [property: Id(4)] AIFile? File,
    [property: Id(5)] bool Stream)
{
    public string? Field(string name) => Fields.FirstOrDefault(f => f.Name == name)?.Value;
}

/// <summary>A text part of a multipart AI request.</summary>
[GenerateSerializer, Immutable]
public sealed record AIFormField([property: Id(0)] string Name, [property: Id(1)] string Value);

/// <summary>The media part of a multipart AI request (<c>image</c> or <c>audio</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record AIFile([property: Id(0)] string FieldName, [property: Id(1)] string FileName, [property: Id(2)] byte[] Content);

/// <summary>Why an AI request failed: the HTTP status and message the client gets as <c>{"detail":{"msg":...}}</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record AIError([property: Id(0)] int StatusCode, [property: Id(1)] string Message);

/// <summary>
/// What a runner answered: its JSON reply (media still as data URIs), or for a streamed LLM request the <c>data:</c>
/// payloads of its events in order, or an error. <paramref name="Units"/> is what the orchestrator debited.
/// </summary>
/// <param name="RefusedBeforePayment">
/// The orchestrator refused the job before processing its payment (no runner, no capacity, bad input): the tickets
/// sent with it were not credited, so the gateway keeps its credit as if it had not sent them.
/// </param>
[GenerateSerializer, Immutable]
public sealed record AIResult(
    [property: Id(0)] byte[]? Body,
    [property: Id(1)] IReadOnlyList<string>? Events,
    [property: Id(2)] AIError? Error,
    [property: Id(3)] long Units,
    [property: Id(4)] bool RefusedBeforePayment = false)
{
    public static AIResult Failure(int statusCode, string message) => new(null, null, new AIError(statusCode, message), 0);

    public static AIResult Refused(AIError error) => new(null, null, error, 0, RefusedBeforePayment: true);
}

/// <summary>
/// One item of a streamed AI reply: the <c>data:</c> payload of a server-sent event as the runner sent it, or, last,
/// the outcome (<see cref="End"/>: an error, the units debited, or a whole reply from a runner that did not stream).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AIStreamItem([property: Id(0)] string? Data, [property: Id(1)] AIResult? End)
{
    public static AIStreamItem Ended(AIResult result) => new(null, result);
}
