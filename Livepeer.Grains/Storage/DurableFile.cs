using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Livepeer.Storage;

/// <summary>
/// Crash-safe file replacement: the reader sees either the old bytes or the new bytes, never a mix,
/// and once <see cref="ReplaceAsync"/> returns the new bytes survive a power cut.
/// </summary>
internal static partial class DurableFile
{
    // Directories this process has already created and made durable; creating them again is cheap but
    // syncing every parent on every write is not.
    private static readonly ConcurrentDictionary<string, bool> DurableDirectories = new(StringComparer.Ordinal);

    /// <summary>
    /// Writes <paramref name="contents"/> to a temp file in the same directory, flushes it to disk,
    /// renames it over <paramref name="path"/> and syncs the directory so the rename itself is durable.
    /// </summary>
    public static async Task ReplaceAsync(string path, string tempPath, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        EnsureDirectory(directory);
        try
        {
            await using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, useAsync: true))
            {
                await stream.WriteAsync(contents, cancellationToken);
                // fsync before the rename: otherwise the file system may commit the rename before the data,
                // and a crash leaves an empty or partial file under the real name.
                stream.Flush(flushToDisk: true);
            }

            // Same directory, so this is a rename(2): atomic replacement of the directory entry.
            File.Move(tempPath, path, overwrite: true);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }

        SyncDirectory(directory);
    }

    /// <summary>Deletes <paramref name="path"/> (if present) and makes the deletion durable.</summary>
    public static void Delete(string path)
    {
        File.Delete(path);
        var directory = Path.GetDirectoryName(path)!;
        if (Directory.Exists(directory))
        {
            SyncDirectory(directory);
        }
    }

    private static void EnsureDirectory(string directory)
    {
        if (DurableDirectories.ContainsKey(directory) && Directory.Exists(directory))
        {
            return;
        }

        // Create, then sync from the new leaf up to the first existing ancestor's parent, so that a power
        // cut cannot lose a freshly created directory (and every state file in it).
        var created = new List<string>();
        for (var d = directory; d is not null && !Directory.Exists(d); d = Path.GetDirectoryName(d))
        {
            created.Add(d);
        }

        Directory.CreateDirectory(directory);
        foreach (var d in created)
        {
            SyncDirectory(d);
            if (Path.GetDirectoryName(d) is { } parent)
            {
                SyncDirectory(parent);
            }
        }

        DurableDirectories[directory] = true;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a stray temp file is ignored by readers and harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// fsync(2) on a directory, which .NET has no API for (FileStream refuses to open directories).
    /// Windows has no equivalent and NTFS journals the rename, so it is a no-op there.
    /// </summary>
    private static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const int ReadOnly = 0; // O_RDONLY, the same value on Linux and macOS
        var fd = Open(directory, ReadOnly);
        if (fd < 0)
        {
            throw new IOException($"Cannot open directory '{directory}' to sync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of directory '{directory}' failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
