using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;

namespace Livepeer.Storage;

/// <summary>Registers <see cref="FileGrainStorage"/> on a silo.</summary>
public static class FileGrainStorageSiloBuilderExtensions
{
    /// <summary>
    /// Adds file grain storage as the default provider (the one <c>[PersistentState("x")]</c> without a
    /// storage name uses), i.e. under the name <see cref="ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME"/>.
    /// </summary>
    public static ISiloBuilder AddFileGrainStorageAsDefault(this ISiloBuilder builder, Action<FileGrainStorageOptions> configureOptions)
        => builder.AddFileGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <summary>Adds file grain storage under <paramref name="name"/>.</summary>
    public static ISiloBuilder AddFileGrainStorage(this ISiloBuilder builder, string name, Action<FileGrainStorageOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configureOptions);

        builder.Services.AddOptions<FileGrainStorageOptions>(name).Configure(configureOptions);
        builder.Services.AddSingleton<IConfigurationValidator>(services => new FileGrainStorageOptionsValidator(
            services.GetRequiredService<IOptionsMonitor<FileGrainStorageOptions>>().Get(name), name));
        // Orleans' own helper (the one AddMemoryGrainStorage uses): a keyed singleton IGrainStorage under
        // `name`, plus the un-keyed IGrainStorage alias when `name` is "Default".
        builder.Services.AddGrainStorage(name, static (services, providerName) => new FileGrainStorage(
            providerName,
            services.GetRequiredService<IOptionsMonitor<FileGrainStorageOptions>>().Get(providerName),
            services.GetRequiredService<Serializer>(),
            services.GetRequiredService<IActivatorProvider>()));
        return builder;
    }
}
