using Livepeer.Discovery;
using Microsoft.Extensions.Time.Testing;

namespace Livepeer.Grains.Tests.Discovery;

public sealed class RefreshingCacheTests
{
    [Fact]
    public async Task Concurrent_callers_share_one_read_until_the_value_is_stale()
    {
        var time = new FakeTimeProvider();
        var cache = new RefreshingCache<int>(TimeSpan.FromMinutes(1), time, 0);
        var reads = 0;
        var gate = new TaskCompletionSource();
        async Task<int> Read(int previous, CancellationToken _)
        {
            Interlocked.Increment(ref reads);
            await gate.Task;
            return previous + 1;
        }

        var callers = Enumerable.Range(0, 5).Select(_ => cache.GetAsync(Read, CancellationToken.None)).ToList();
        gate.SetResult();

        var values = await Task.WhenAll(callers);
        Assert.All(values, value => Assert.Equal(1, value));
        Assert.Equal(1, reads);

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(1, await cache.GetAsync(Read, CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, await cache.GetAsync(Read, CancellationToken.None));
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task A_read_is_given_the_previous_value_to_keep()
    {
        var time = new FakeTimeProvider();
        var cache = new RefreshingCache<string>(TimeSpan.FromMinutes(1), time, "none");
        Assert.Equal("list", await cache.GetAsync((_, _) => Task.FromResult("list"), CancellationToken.None));

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("list", await cache.GetAsync((previous, _) => Task.FromResult(previous), CancellationToken.None));
    }
}
