using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using Orleans.Storage;

namespace Livepeer.Storage;

/// <summary>What the registration extensions put in the container; the host is built but never started.</summary>
public sealed class FileGrainStorageRegistrationTests
{
    private static IHost BuildSilo(Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            configure(silo);
        });
        return builder.Build();
    }

    [Fact]
    public void A_named_provider_is_a_keyed_grain_storage_and_not_the_default()
    {
        var root = Path.Combine(Path.GetTempPath(), "never-written");
        using var host = BuildSilo(silo => silo.AddFileGrainStorage("ledger", o => o.RootDirectory = root));

        var storage = Assert.IsType<FileGrainStorage>(host.Services.GetRequiredKeyedService<IGrainStorage>("ledger"));
        Assert.Equal(root, storage.RootDirectory);
        Assert.Null(host.Services.GetService<IGrainStorage>());
        Assert.Null(host.Services.GetKeyedService<IGrainStorage>("Default"));
    }

    [Fact]
    public void The_default_provider_answers_both_as_Default_and_unkeyed()
    {
        var root = Path.Combine(Path.GetTempPath(), "never-written");
        using var host = BuildSilo(silo => silo
            .AddFileGrainStorageAsDefault(o => o.RootDirectory = root)
            .AddFileGrainStorage("other", o => o.RootDirectory = root + "-other"));

        var byName = host.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        Assert.IsType<FileGrainStorage>(byName);
        Assert.Same(byName, host.Services.GetRequiredService<IGrainStorage>());
        Assert.NotSame(byName, host.Services.GetRequiredKeyedService<IGrainStorage>("other"));
    }

    [Fact]
    public void A_missing_root_directory_fails_configuration_validation_with_the_provider_name()
    {
        using var host = BuildSilo(silo => silo.AddFileGrainStorage("ledger", _ => { }));

        var validator = Assert.Single(host.Services.GetServices<IConfigurationValidator>().OfType<FileGrainStorageOptionsValidator>());
        var e = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);
        Assert.Contains("'ledger'", e.Message, StringComparison.Ordinal);
    }
}
