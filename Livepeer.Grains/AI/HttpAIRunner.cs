using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Livepeer.AI;

/// <summary>
/// An external ai-runner-compatible container (go-livepeer's "bring your own runner": <c>url</c> + <c>token</c> in
/// aiModels.json): <c>POST {url}/{pipeline}</c> with the request as the gateway got it, bearer token when configured
/// (see shared spec: ai.md §1 hop 3, §7.3).
/// </summary>
public sealed class HttpAIRunner(Uri baseUrl, string? token, HttpClient http, TimeSpan timeout) : IAIStreamingRunner
{
    public string Name => baseUrl.ToString();

    public async Task<AIResult> RunAsync(AIJob job, CancellationToken cancellationToken)
    {
        var reply = await OpenAsync(job, cancellationToken);
        if (reply.Events is not { } stream)
            return reply.Result!;
        var events = new List<string>();
        await foreach (var data in stream.WithCancellation(cancellationToken))
            events.Add(data);
        return new AIResult(null, events, null, 0);
    }

    public async Task<AIRunnerReply> OpenAsync(AIJob job, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, job.Pipeline)) { Content = Content(job) };
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        HttpResponseMessage? response = null;
        try
        {
            response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            // A refused token is the orchestrator's configuration, not the client's request: another runner may take it.
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                throw new AIRunnerUnavailableException($"runner {Name} refused the bearer token ({(int)response.StatusCode}): {ErrorMessage(await response.Content.ReadAsStringAsync(deadline.Token))}");
            if ((int)response.StatusCode >= 500)
                throw new AIRunnerUnavailableException($"runner {Name} answered {(int)response.StatusCode}: {ErrorMessage(await response.Content.ReadAsStringAsync(deadline.Token))}");
            if (!response.IsSuccessStatusCode)
                return new AIRunnerReply(AIResult.Failure((int)response.StatusCode, ErrorMessage(await response.Content.ReadAsStringAsync(deadline.Token))), null);
            if (job.Stream && response.Content.Headers.ContentType?.MediaType == "text/event-stream")
            {
                // The reader owns the response and the deadline from here on.
                var events = ReadEventsAsync(response, deadline);
                response = null;
                deadline = null;
                return new AIRunnerReply(null, events);
            }
            return new AIRunnerReply(new AIResult(await response.Content.ReadAsByteArrayAsync(deadline.Token), null, null, 0), null);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AIRunnerUnavailableException($"runner {Name} did not answer within {timeout.TotalSeconds:0.#} s", e);
        }
        catch (HttpRequestException e)
        {
            throw new AIRunnerUnavailableException($"runner {Name} is unreachable: {e.Message}", e);
        }
        finally
        {
            response?.Dispose();
            deadline?.Dispose();
        }
    }

    public async Task<string> CheckHealthAsync(CancellationToken cancellationToken)
    {
        using var json = JsonDocument.Parse(await GetAsync("health", cancellationToken));
        return json.RootElement.TryGetProperty("status", out var status) ? status.GetString() ?? "ERROR" : "ERROR";
    }

    public Task<string> GetHardwareInfoAsync(CancellationToken cancellationToken) => GetAsync("hardware/info", cancellationToken);

    private async Task<string> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, path));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request, completion, cancellationToken);
    }

    private static HttpContent Content(AIJob job)
    {
        if (job.Json is { } json)
            return new ByteArrayContent(json) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        var form = new MultipartFormDataContent();
        if (job.File is { } file)
            form.Add(new ByteArrayContent(file.Content), file.FieldName, file.FileName);
        foreach (var field in job.Fields)
            form.Add(new StringContent(field.Value, Encoding.UTF8), field.Name);
        return form;
    }

    /// <summary>
    /// The runner's events as they arrive, up to its last chunk: as go-livepeer's gateway, stop after the chunk whose
    /// <c>finish_reason</c> is set and never forward <c>[DONE]</c> (see shared spec: ai.md §2.5).
    /// </summary>
    private async IAsyncEnumerable<string> ReadEventsAsync(HttpResponseMessage response, CancellationTokenSource deadline)
    {
        using var owned = response;
        using var ownedDeadline = deadline;
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));
        while (await ReadLineAsync(reader, deadline.Token) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
                continue;
            var data = line[5..].Trim();
            if (data == "[DONE]")
                yield break;
            using var chunk = JsonDocument.Parse(data);
            if (chunk.RootElement.TryGetProperty("error", out var error))
                throw new AIRunnerUnavailableException($"runner {Name} failed while streaming: {error}");
            yield return data;
            if (IsLastChunk(chunk.RootElement))
                yield break;
        }
    }

    private async Task<string?> ReadLineAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException)
        {
            throw new AIRunnerUnavailableException($"runner {Name} broke off its event stream: {e.Message}", e);
        }
    }

    private static bool IsLastChunk(JsonElement chunk) =>
        chunk.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array &&
        choices.EnumerateArray().Any(c => c.TryGetProperty("finish_reason", out var reason) && reason.ValueKind == JsonValueKind.String && reason.GetString() is { Length: > 0 });

    /// <summary>The runner's <c>detail.msg</c> (or its whole body when it is not in that shape).</summary>
    internal static string ErrorMessage(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("detail", out var detail))
            {
                if (detail.ValueKind == JsonValueKind.Object && detail.TryGetProperty("msg", out var msg))
                    return msg.GetString() ?? body;
                return detail.ToString();
            }
        }
        catch (JsonException)
        {
        }
        return string.IsNullOrWhiteSpace(body) ? HttpStatusCode.InternalServerError.ToString() : body;
    }
}
