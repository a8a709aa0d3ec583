using FFMpegCore;

namespace Livepeer.AI;

/// <summary>
/// Turns an image-to-video runner's frames (PNG each) into one H.264 MP4, as go-livepeer's AI worker does
/// (<c>core/ai_orchestrator.go</c> <c>transcodeFrames</c>; see shared spec: ai.md §2.4).
/// </summary>
public static class AIVideo
{
    public static async Task<byte[]> EncodeFramesAsync(IReadOnlyList<byte[]> pngFrames, int fps, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("livepeer-i2v-");
        try
        {
            for (var i = 0; i < pngFrames.Count; i++)
                await File.WriteAllBytesAsync(Path.Combine(directory.FullName, $"{i:D5}.png"), pngFrames[i], cancellationToken);
            var output = Path.Combine(directory.FullName, "out.mp4");
            await FFMpegArguments
                .FromFileInput(Path.Combine(directory.FullName, "%05d.png"), verifyExists: false, o => o.WithCustomArgument($"-framerate {Math.Max(1, fps)}"))
                // yuv420p with even dimensions: what every player decodes.
                .OutputToFile(output, overwrite: true, o => o.WithVideoCodec("libx264")
                    .WithCustomArgument("-pix_fmt yuv420p -vf scale=trunc(iw/2)*2:trunc(ih/2)*2 -movflags +faststart"))
                .CancellableThrough(cancellationToken)
                .ProcessAsynchronously();
            return await File.ReadAllBytesAsync(output, cancellationToken);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
