using Livepeer.Orchestrator;
using Microsoft.Extensions.Time.Testing;

namespace Livepeer.Grains.Tests.Orchestrator;

public sealed class RenditionStoreTests
{
    [Fact]
    public void A_rendition_is_served_within_its_retention_and_dropped_after_it()
    {
        var time = new FakeTimeProvider();
        var store = new RenditionStore(time);
        store.Put("old.ts", [1]);
        time.Advance(RenditionStore.Retention - TimeSpan.FromSeconds(1));
        store.Put("young.ts", [2]);

        Assert.Equal([1], store.Get("old.ts"));

        time.Advance(TimeSpan.FromSeconds(1));
        store.Put("new.ts", [3]);

        Assert.Null(store.Get("old.ts"));
        Assert.Equal([2], store.Get("young.ts"));
        Assert.Equal([3], store.Get("new.ts"));
    }

    [Fact]
    public void Beyond_its_capacity_the_oldest_renditions_are_dropped_first()
    {
        var store = new RenditionStore(new FakeTimeProvider());
        for (var i = 0; i <= RenditionStore.Capacity; i++)
            store.Put($"{i}.ts", [(byte)i]);

        Assert.Null(store.Get("0.ts"));
        Assert.NotNull(store.Get("1.ts"));
        Assert.NotNull(store.Get($"{RenditionStore.Capacity}.ts"));
    }
}
