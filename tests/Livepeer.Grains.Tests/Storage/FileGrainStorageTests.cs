using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Livepeer.Storage;

/// <summary>The storage provider on its own, against a temp directory; no silo.</summary>
public sealed class FileGrainStorageTests : IDisposable
{
    private static readonly ServiceProvider SerializerServices = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(LedgerTestState).Assembly))
        .BuildServiceProvider();

    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private FileGrainStorage NewStorage(string name = "files") => new(
        name,
        new FileGrainStorageOptions { RootDirectory = _root.Path },
        SerializerServices.GetRequiredService<Serializer>(),
        SerializerServices.GetRequiredService<IActivatorProvider>());

    private static GrainId Grain(string key) => GrainId.Create("ledger", key);

    private static LedgerTestState Ledger(long deposit, params string[] queue)
    {
        var state = new LedgerTestState { Deposit = deposit, Nonce = (ulong)deposit * 7 };
        state.Queue.AddRange(queue);
        return state;
    }

    private static async Task<LedgerGrainState> ReadAsync(FileGrainStorage storage, GrainId grain, string stateName = "s")
    {
        var state = new LedgerGrainState();
        await storage.ReadStateAsync(stateName, grain, state);
        return state;
    }

    private string[] AllFiles() => Directory.GetFiles(_root.Path, "*", SearchOption.AllDirectories);

    [Fact]
    public async Task Reading_a_missing_record_gives_a_default_state_and_no_etag()
    {
        var state = new LedgerGrainState(Ledger(99), "stale");
        await NewStorage().ReadStateAsync("s", Grain("nobody"), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.NotNull(state.State);
        Assert.Equal(0, state.State.Deposit);
        Assert.Empty(AllFiles());
    }

    [Fact]
    public async Task A_written_state_is_read_back_by_a_new_storage_instance()
    {
        var grain = Grain("0xabc");
        var written = new LedgerGrainState(Ledger(42, "t1", "t2"));
        await NewStorage().WriteStateAsync("s", grain, written);

        Assert.True(written.RecordExists);
        Assert.Equal("1", written.ETag);

        var read = await ReadAsync(NewStorage(), grain);
        Assert.True(read.RecordExists);
        Assert.Equal("1", read.ETag);
        Assert.Equal(42, read.State.Deposit);
        Assert.Equal(294UL, read.State.Nonce);
        Assert.Equal(["t1", "t2"], read.State.Queue);
    }

    [Fact]
    public async Task Each_write_bumps_the_etag_version()
    {
        var storage = NewStorage();
        var state = new LedgerGrainState(Ledger(1));
        for (var i = 1; i <= 3; i++)
        {
            state.State.Deposit = i;
            await storage.WriteStateAsync("s", Grain("g"), state);
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), state.ETag);
        }

        var read = await ReadAsync(storage, Grain("g"));
        Assert.Equal("3", read.ETag);
        Assert.Equal(3, read.State.Deposit);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_throws_and_leaves_the_stored_state_alone()
    {
        var storage = NewStorage();
        var grain = Grain("g");
        var first = new LedgerGrainState(Ledger(1));
        await storage.WriteStateAsync("s", grain, first);
        var stale = await ReadAsync(storage, grain);
        first.State.Deposit = 2;
        await storage.WriteStateAsync("s", grain, first); // now at version 2

        stale.State.Deposit = 1000;
        var e = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", grain, stale));
        Assert.Equal("2", e.StoredEtag);
        Assert.Equal("1", e.CurrentEtag);

        var read = await ReadAsync(storage, grain);
        Assert.Equal(2, read.State.Deposit);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task Writes_that_disagree_with_whether_a_record_exists_throw()
    {
        var storage = NewStorage();

        // An ETag for a record that is not there.
        var phantom = new LedgerGrainState(Ledger(1), "1");
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", Grain("a"), phantom));

        // No ETag (a fresh activation's view) while a record is there.
        await storage.WriteStateAsync("s", Grain("b"), new LedgerGrainState(Ledger(1)));
        var blind = new LedgerGrainState(Ledger(2));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", Grain("b"), blind));
        Assert.Equal(1, (await ReadAsync(storage, Grain("b"))).State.Deposit);
    }

    [Fact]
    public async Task Clearing_deletes_the_record_and_a_later_write_starts_again()
    {
        var storage = NewStorage();
        var grain = Grain("g");
        var state = new LedgerGrainState(Ledger(5, "q"));
        await storage.WriteStateAsync("s", grain, state);

        await storage.ClearStateAsync("s", grain, state);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(0, state.State.Deposit);
        Assert.Empty(Directory.GetFiles(_root.Path, "*.state", SearchOption.AllDirectories));

        var read = await ReadAsync(storage, grain);
        Assert.False(read.RecordExists);

        state.State.Deposit = 6;
        await storage.WriteStateAsync("s", grain, state);
        Assert.Equal("1", state.ETag);
        Assert.Equal(6, (await ReadAsync(storage, grain)).State.Deposit);
    }

    [Fact]
    public async Task Clearing_with_a_stale_etag_throws_and_keeps_the_record()
    {
        var storage = NewStorage();
        var grain = Grain("g");
        var state = new LedgerGrainState(Ledger(5));
        await storage.WriteStateAsync("s", grain, state);
        await storage.WriteStateAsync("s", grain, state);

        var stale = new LedgerGrainState(Ledger(5), "1");
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("s", grain, stale));
        Assert.True((await ReadAsync(storage, grain)).RecordExists);
    }

    [Fact]
    public async Task Odd_grain_ids_get_separate_safe_files_inside_the_root()
    {
        string[] keys =
        [
            "0xAbC/ticket:1",
            "0xabc/ticket:1", // differs only by case: must not share a file on case-insensitive file systems
            "0xabc_ticket_1", // escapes to the same readable text as the one above
            "..",
            "../../escape",
            "nul\0byte",
            "naïve 🎥 key",
            new string('k', 1000),
        ];
        var storage = NewStorage();
        for (var i = 0; i < keys.Length; i++)
        {
            await storage.WriteStateAsync("s", Grain(keys[i]), new LedgerGrainState(Ledger(i + 1)));
        }

        for (var i = 0; i < keys.Length; i++)
        {
            var read = await ReadAsync(storage, Grain(keys[i]));
            Assert.True(read.RecordExists, $"key #{i}");
            Assert.Equal(i + 1, read.State.Deposit);
        }

        var files = AllFiles();
        Assert.Equal(keys.Length, files.Length);
        var root = Path.GetFullPath(_root.Path) + Path.DirectorySeparatorChar;
        Assert.All(files, f => Assert.StartsWith(root, Path.GetFullPath(f), StringComparison.Ordinal));
        Assert.Equal(keys.Length, files.Select(f => f.ToUpperInvariant()).Distinct().Count());
        Assert.All(
            files.SelectMany(f => Path.GetRelativePath(_root.Path, f).Split(Path.DirectorySeparatorChar)),
            part =>
            {
                Assert.Matches("^[A-Za-z0-9._-]+$", part);
                Assert.InRange(part.Length, 1, 100);
            });
    }

    [Fact]
    public async Task Provider_and_state_names_keep_states_of_one_grain_apart()
    {
        var grain = Grain("g");
        await NewStorage("a").WriteStateAsync("s", grain, new LedgerGrainState(Ledger(1)));
        await NewStorage("b").WriteStateAsync("s", grain, new LedgerGrainState(Ledger(2)));
        await NewStorage("a").WriteStateAsync("t", grain, new LedgerGrainState(Ledger(3)));

        Assert.Equal(1, (await ReadAsync(NewStorage("a"), grain, "s")).State.Deposit);
        Assert.Equal(2, (await ReadAsync(NewStorage("b"), grain, "s")).State.Deposit);
        Assert.Equal(3, (await ReadAsync(NewStorage("a"), grain, "t")).State.Deposit);
    }

    [Fact]
    public async Task Torn_temp_files_from_a_crash_are_ignored_and_no_temp_files_are_left_behind()
    {
        var storage = NewStorage();
        var grain = Grain("g");
        var state = new LedgerGrainState(Ledger(7));
        await storage.WriteStateAsync("s", grain, state);
        var file = Assert.Single(AllFiles());
        Assert.EndsWith(".state", file, StringComparison.Ordinal);

        // What a crash between "create temp" and "rename" leaves: half-written temp files next to the state.
        var committed = await File.ReadAllBytesAsync(file);
        await File.WriteAllBytesAsync(file + ".0123456789abcdef0123456789abcdef.tmp", committed[..(committed.Length / 2)]);
        await File.WriteAllBytesAsync(file + ".fedcba9876543210fedcba9876543210.tmp", []);

        var afterCrash = await ReadAsync(NewStorage(), grain);
        Assert.Equal(7, afterCrash.State.Deposit);
        Assert.Equal("1", afterCrash.ETag);

        afterCrash.State.Deposit = 8;
        await NewStorage().WriteStateAsync("s", grain, afterCrash);
        Assert.Equal(8, (await ReadAsync(NewStorage(), grain)).State.Deposit);
        Assert.Equal(2, Directory.GetFiles(_root.Path, "*.tmp", SearchOption.AllDirectories).Length); // only the planted ones
    }

    [Fact]
    public async Task A_damaged_state_file_fails_loudly_instead_of_reading_as_empty()
    {
        var storage = NewStorage();
        var grain = Grain("g");
        await storage.WriteStateAsync("s", grain, new LedgerGrainState(Ledger(7)));
        var file = Assert.Single(AllFiles());
        var bytes = await File.ReadAllBytesAsync(file);
        await File.WriteAllBytesAsync(file, bytes[..^3]);

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync(storage, grain));
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidDataException>(() => storage.WriteStateAsync("s", grain, new LedgerGrainState(Ledger(1))));
    }

    [Fact]
    public async Task A_state_file_copied_under_another_grains_name_is_rejected()
    {
        var storage = NewStorage();
        await storage.WriteStateAsync("s", Grain("alice"), new LedgerGrainState(Ledger(100)));
        await storage.WriteStateAsync("s", Grain("bob"), new LedgerGrainState(Ledger(1)));
        var files = AllFiles();
        var alice = Assert.Single(files, f => f.EndsWith("-alice.state", StringComparison.Ordinal));
        var bob = Assert.Single(files, f => f.EndsWith("-bob.state", StringComparison.Ordinal));
        File.Copy(alice, bob, overwrite: true);

        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync(storage, Grain("bob")));
    }

    [Fact]
    public async Task Concurrent_writes_to_different_grains_all_land()
    {
        var storage = NewStorage();
        await Task.WhenAll(Enumerable.Range(0, 64).Select(async i =>
        {
            var state = new LedgerGrainState(Ledger(i));
            for (var round = 0; round < 3; round++)
            {
                state.State.Nonce = (ulong)round;
                await storage.WriteStateAsync("s", Grain($"g{i}"), state);
            }
        }));

        for (var i = 0; i < 64; i++)
        {
            var read = await ReadAsync(storage, Grain($"g{i}"));
            Assert.Equal(i, read.State.Deposit);
            Assert.Equal(2UL, read.State.Nonce);
            Assert.Equal("3", read.ETag);
        }
    }

    [Fact]
    public async Task Concurrent_writes_with_the_same_etag_to_one_grain_let_exactly_one_win()
    {
        var storage = NewStorage();
        var grain = Grain("contended");
        await storage.WriteStateAsync("s", grain, new LedgerGrainState(Ledger(0)));

        var attempts = Enumerable.Range(1, 8).Select(i => new LedgerGrainState(Ledger(i), "1")).ToArray();
        var outcomes = await Task.WhenAll(attempts.Select(async a =>
        {
            try
            {
                await storage.WriteStateAsync("s", grain, a);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Equal(1, outcomes.Count(won => won));
        var winner = attempts[Array.IndexOf(outcomes, true)];
        var read = await ReadAsync(storage, grain);
        Assert.Equal("2", read.ETag);
        Assert.Equal(winner.State.Deposit, read.State.Deposit);
    }
}
