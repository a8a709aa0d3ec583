using Orleans;
using Orleans.Runtime;

namespace Livepeer.Storage;

/// <summary>Makes the silo refuse to start, naming the provider, when its root directory is not set.</summary>
internal sealed class FileGrainStorageOptionsValidator(FileGrainStorageOptions options, string name) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (string.IsNullOrWhiteSpace(options.RootDirectory))
        {
            throw new OrleansConfigurationException(
                $"File grain storage '{name}': {nameof(FileGrainStorageOptions)}.{nameof(FileGrainStorageOptions.RootDirectory)} is not set.");
        }
    }
}
