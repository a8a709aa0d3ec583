namespace Livepeer.Storage;

/// <summary>
/// Options for <see cref="FileGrainStorage"/>, configured per named storage provider.
/// </summary>
public sealed class FileGrainStorageOptions
{
    /// <summary>
    /// The directory under which all grain state files of this provider are kept
    /// (one sub-directory per provider name). Created on first write if missing.
    /// </summary>
    public string RootDirectory { get; set; } = "";
}
