namespace Livepeer.Storage;

/// <summary>A tiny grain whose state goes through the default storage provider.</summary>
public interface IStorageProbeGrain : IGrainWithStringKey
{
    /// <summary>Adds to the deposit, queues a ticket id, and writes the state.</summary>
    Task Deposit(long amount, string ticket);

    /// <summary>The state as the activation currently holds it.</summary>
    Task<StorageProbeSnapshot> Get();

    /// <summary>Clears the stored state.</summary>
    Task Clear();
}

[GenerateSerializer, Immutable]
public sealed record StorageProbeSnapshot(
    [property: Id(0)] bool RecordExists,
    [property: Id(1)] string? ETag,
    [property: Id(2)] long Deposit,
    [property: Id(3)] IReadOnlyList<string> Queue);

public sealed class StorageProbeGrain([PersistentState("s")] IPersistentState<LedgerTestState> state) : Grain, IStorageProbeGrain
{
    async Task IStorageProbeGrain.Deposit(long amount, string ticket)
    {
        state.State.Deposit += amount;
        state.State.Queue.Add(ticket);
        await state.WriteStateAsync();
    }

    Task<StorageProbeSnapshot> IStorageProbeGrain.Get()
        => Task.FromResult(new StorageProbeSnapshot(state.RecordExists, state.Etag, state.State.Deposit, [.. state.State.Queue]));

    Task IStorageProbeGrain.Clear() => state.ClearStateAsync();
}
