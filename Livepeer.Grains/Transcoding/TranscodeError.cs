namespace Livepeer.Transcoding;

/// <summary>Why a transcode failed, which decides the HTTP status a client sees.</summary>
public enum TranscodeErrorKind
{
    /// <summary>The segment itself is bad (not video, corrupt, absurd size): retrying cannot help; HTTP 422.</summary>
    InvalidInput,

    /// <summary>The node failed (encoder crash, worker lost, timeout): another attempt may succeed; HTTP 500.</summary>
    Internal,

    /// <summary>The orchestrator refused the payment (a ticket error, or too little credit): nothing was transcoded.</summary>
    PaymentRejected,

    /// <summary>The gateway found no orchestrator that would take the segment: HTTP 503 "No sessions available".</summary>
    NoOrchestrators,
}

/// <summary>A transcode failure as a value that crosses grain boundaries.</summary>
[GenerateSerializer, Immutable]
public sealed record TranscodeError([property: Id(0)] TranscodeErrorKind Kind, [property: Id(1)] string Message);

/// <summary>Thrown inside the transcoding engine; workers turn it into a <see cref="TranscodeError"/>.</summary>
public sealed class TranscodeException(TranscodeErrorKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public TranscodeErrorKind Kind { get; } = kind;

    public TranscodeError ToError() => new(Kind, Message);

    public static TranscodeException InvalidInput(string message) => new(TranscodeErrorKind.InvalidInput, message);
}
