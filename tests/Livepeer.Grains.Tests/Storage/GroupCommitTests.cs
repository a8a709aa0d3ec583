namespace Livepeer.Storage;

public sealed class GroupCommitTests
{
    private readonly List<TaskCompletionSource> _writes = [];

    private GroupCommit NewGroupCommit() => new(() =>
    {
        var write = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _writes.Add(write);
        return write.Task;
    });

    [Fact]
    public async Task A_write_starts_at_once_when_none_is_in_flight()
    {
        var commit = NewGroupCommit();

        var first = commit.WriteAsync();
        Assert.Single(_writes);
        _writes[0].SetResult();
        await first;

        var second = commit.WriteAsync();
        Assert.Equal(2, _writes.Count);
        _writes[1].SetResult();
        await second;
    }

    [Fact]
    public async Task Callers_during_a_write_share_the_one_write_that_starts_after_it()
    {
        var commit = NewGroupCommit();
        var first = commit.WriteAsync();

        var waiting = Enumerable.Range(0, 5).Select(_ => commit.WriteAsync()).ToList();

        Assert.Single(_writes);
        Assert.All(waiting, w => Assert.Same(waiting[0], w));
        _writes[0].SetResult();
        await first;
        await WaitForAsync(() => _writes.Count == 2);
        Assert.False(waiting[0].IsCompleted);
        _writes[1].SetResult();
        await waiting[0];
        Assert.Equal(2, _writes.Count);
    }

    [Fact]
    public async Task A_failed_write_fails_its_callers_only_and_the_next_write_still_runs()
    {
        var commit = NewGroupCommit();
        var first = commit.WriteAsync();
        var next = commit.WriteAsync();

        _writes[0].SetException(new IOException("disk full"));
        await Assert.ThrowsAsync<IOException>(() => first);
        await WaitForAsync(() => _writes.Count == 2);
        _writes[1].SetResult();
        await next;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
            await Task.Delay(10, deadline.Token);
    }
}
