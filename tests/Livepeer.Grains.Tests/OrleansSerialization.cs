using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Livepeer.Grains.Tests;

/// <summary>Orleans' serializer and copier for the Livepeer.Grains assembly, as a silo would configure them.</summary>
internal static class OrleansSerialization
{
    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(Livepeer.Payments.TicketParams).Assembly))
        .BuildServiceProvider();

    private static readonly Serializer Serializer = Services.GetRequiredService<Serializer>();

    private static readonly DeepCopier Copier = Services.GetRequiredService<DeepCopier>();

    /// <summary>Serializes to bytes and back, as a value crossing silos or written to grain storage.</summary>
    public static T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    /// <summary>Deep-copies, as a value passed to a grain in the same silo.</summary>
    public static T Copy<T>(T value) => Copier.Copy(value)!;
}
