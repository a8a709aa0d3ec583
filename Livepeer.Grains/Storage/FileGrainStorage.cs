using System.Globalization;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Livepeer.Storage;

/// <summary>
/// Durable grain storage for the single-machine node: one file per grain state under
/// <see cref="FileGrainStorageOptions.RootDirectory"/>, no database server needed.
/// </summary>
/// <remarks>
/// <para>ETag: a version number kept in the file, "1" after the first write and +1 per write. A write or clear
/// whose ETag is not the stored one (null meaning "no record") throws <see cref="InconsistentStateException"/>.
/// Clearing deletes the file, so versions start at 1 again afterwards; that is safe because Orleans keeps a
/// single activation per grain on this one-silo node, so no stale writer can hold a pre-clear ETag.</para>
/// <para>Serialisation uses Orleans' own binary <see cref="Serializer"/>, not the silo's configured
/// <see cref="IGrainStorageSerializer"/>. In Orleans 10.4.2 that default is <c>JsonGrainStorageSerializer</c>
/// (Newtonsoft), which ignores <c>[Id]</c>, needs public setters or a usable constructor, and has no converters
/// for types that only have generated Orleans codecs. The binary serializer is the one every
/// <c>[GenerateSerializer]</c> state type must already work with (it carries messages), and its <c>[Id]</c>
/// tags give the version tolerance state files need when a state class gains a field. It also does not change
/// if someone later switches the silo-wide storage serializer for another provider, which would otherwise make
/// existing files unreadable.</para>
/// <para>Orleans already serialises calls per activation; the striped locks only make the
/// read-check-write sequence safe even if two calls for the same file ever overlap (tests, tooling).</para>
/// </remarks>
public sealed class FileGrainStorage : IGrainStorage
{
    private const int LockStripes = 64;

    private readonly string _name;
    private readonly string _rootDirectory;
    private readonly Serializer _serializer;
    private readonly IActivatorProvider _activatorProvider;
    private readonly SemaphoreSlim[] _locks;

    public FileGrainStorage(string name, FileGrainStorageOptions options, Serializer serializer, IActivatorProvider activatorProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.RootDirectory))
        {
            throw new ArgumentException(
                $"File grain storage '{name}' needs {nameof(FileGrainStorageOptions)}.{nameof(FileGrainStorageOptions.RootDirectory)}.",
                nameof(options));
        }

        _name = name;
        _rootDirectory = Path.GetFullPath(options.RootDirectory);
        _serializer = serializer;
        _activatorProvider = activatorProvider;
        _locks = new SemaphoreSlim[LockStripes];
        for (var i = 0; i < _locks.Length; i++)
        {
            _locks[i] = new SemaphoreSlim(1, 1);
        }
    }

    /// <summary>The absolute directory this provider writes under.</summary>
    public string RootDirectory => _rootDirectory;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
        => UnderLockAsync(stateName, grainId, cancellationToken, (_, stored) =>
        {
            if (stored is null)
            {
                SetMissing(grainState);
                return Task.CompletedTask;
            }

            grainState.State = _serializer.Deserialize<T>(stored.Value.Payload);
            grainState.ETag = FormatETag(stored.Value.Version);
            grainState.RecordExists = true;
            return Task.CompletedTask;
        });

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
        => UnderLockAsync(stateName, grainId, cancellationToken, async (location, stored) =>
        {
            var storedVersion = stored?.Version;
            CheckETag("write", location, storedVersion, grainState.ETag);

            var version = (storedVersion ?? 0) + 1;
            var payload = _serializer.SerializeToArray(grainState.State);
            var contents = StateFileFormat.Encode(version, location.Identity, payload);
            var tempPath = $"{location.FilePath}.{Guid.NewGuid():N}{StateFileLocation.TempExtension}";
            await DurableFile.ReplaceAsync(location.FilePath, tempPath, contents, cancellationToken);

            grainState.ETag = FormatETag(version);
            grainState.RecordExists = true;
        });

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
        => UnderLockAsync(stateName, grainId, cancellationToken, (location, stored) =>
        {
            CheckETag("clear", location, stored?.Version, grainState.ETag);
            if (stored is not null)
            {
                DurableFile.Delete(location.FilePath);
            }

            SetMissing(grainState);
            return Task.CompletedTask;
        });

    /// <summary>Reads the stored record of one grain state and runs <paramref name="action"/> on it under that file's lock.</summary>
    private async Task UnderLockAsync(
        string stateName,
        GrainId grainId,
        CancellationToken cancellationToken,
        Func<StateFileLocation, (long Version, ReadOnlyMemory<byte> Payload)?, Task> action)
    {
        var location = Locate(stateName, grainId);
        var gate = LockFor(location);
        await gate.WaitAsync(cancellationToken);
        try
        {
            await action(location, await TryReadAsync(location, cancellationToken));
        }
        finally
        {
            gate.Release();
        }
    }

    private StateFileLocation Locate(string stateName, GrainId grainId)
        => StateFileLocation.For(_rootDirectory, _name, stateName, grainId);

    private SemaphoreSlim LockFor(StateFileLocation location)
        => _locks[(uint)StringComparer.Ordinal.GetHashCode(location.FilePath) % LockStripes];

    private void SetMissing<T>(IGrainState<T> grainState)
    {
        grainState.State = _activatorProvider.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static async Task<(long Version, ReadOnlyMemory<byte> Payload)?> TryReadAsync(StateFileLocation location, CancellationToken cancellationToken)
    {
        byte[] file;
        try
        {
            file = await File.ReadAllBytesAsync(location.FilePath, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        try
        {
            var (version, identity, payload) = StateFileFormat.Decode(file);
            if (!identity.Span.SequenceEqual(location.Identity))
            {
                throw new InvalidDataException("The file belongs to a different grain state (name hash collision or a copied file).");
            }

            return (version, payload);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Grain state file '{location.FilePath}' is unusable: {e.Message}", e);
        }
    }

    private void CheckETag(string operation, StateFileLocation location, long? storedVersion, string? expectedETag)
    {
        var storedETag = storedVersion is { } v ? FormatETag(v) : null;
        if (!string.Equals(storedETag, string.IsNullOrEmpty(expectedETag) ? null : expectedETag, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"File grain storage '{_name}': {operation} of '{location.FilePath}' expected ETag " +
                $"'{expectedETag ?? "<none>"}' but the stored ETag is '{storedETag ?? "<none>"}'.",
                storedETag ?? "",
                expectedETag ?? "");
        }
    }

    private static string FormatETag(long version) => version.ToString(CultureInfo.InvariantCulture);
}
