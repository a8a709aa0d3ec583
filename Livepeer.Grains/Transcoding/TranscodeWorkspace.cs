namespace Livepeer.Transcoding;

/// <summary>A private temporary directory for one transcode, removed with everything in it when disposed.</summary>
internal sealed class TranscodeWorkspace : IDisposable
{
    private readonly string _directory;

    private TranscodeWorkspace(string directory) => _directory = directory;

    public static TranscodeWorkspace Create()
    {
        var directory = Path.Combine(Path.GetTempPath(), "livepeer-transcode", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return new TranscodeWorkspace(directory);
    }

    public string PathFor(string fileName) => Path.Combine(_directory, fileName);

    public string Write(string fileName, byte[] data)
    {
        var path = PathFor(fileName);
        File.WriteAllBytes(path, data);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A lingering ffmpeg handle must not fail the transcode; the OS temp cleaner takes the rest.
        }
    }
}
