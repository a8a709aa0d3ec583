using Livepeer.Cuda.Frames;

namespace Livepeer.Cuda.Scaling;

/// <summary>The argument checks every <see cref="IFrameScaler"/> makes, so they all fail the same way.</summary>
internal static class ScaleArguments
{
    public static void Validate(Yuv420Frame source, IReadOnlyList<Yuv420Frame> destinations)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destinations);
        ObjectDisposedException.ThrowIf(source.IsDisposed, source);
        for (var i = 0; i < destinations.Count; i++)
        {
            var destination = destinations[i] ?? throw new ArgumentNullException(nameof(destinations), $"Destination {i} is null.");
            ObjectDisposedException.ThrowIf(destination.IsDisposed, destination);
            if (ReferenceEquals(destination, source))
            {
                throw new ArgumentException($"Destination {i} is the source frame; scaling in place is not supported.", nameof(destinations));
            }
        }
    }
}
