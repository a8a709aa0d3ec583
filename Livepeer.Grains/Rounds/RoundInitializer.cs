namespace Livepeer.Rounds;

/// <summary>
/// Decides when this node initializes a round (go-livepeer's <c>eth/roundinitializer.go</c>): only when enabled, only
/// while nobody has, and only after a random delay from the moment the node first sees the new round, so that the nodes
/// that initialize rounds do not all send the same transaction at once (see shared spec: protocol-contracts.md §15.2).
/// </summary>
public sealed class RoundInitializer(bool enabled, TimeSpan maxDelay, TimeProvider time, Random random)
{
    private long? plannedRound;
    private DateTimeOffset dueAt;

    /// <summary>When the node will initialize <see cref="PlannedRound"/>, if it still needs to.</summary>
    public DateTimeOffset DueAt => dueAt;

    /// <summary>The uninitialized round a delay was drawn for, if any.</summary>
    public long? PlannedRound => plannedRound;

    /// <summary>Whether to send <c>initializeRound</c> now, given the round as read on this block.</summary>
    public bool ShouldInitialize(RoundState round)
    {
        if (!enabled || round.Initialized)
        {
            plannedRound = null;
            return false;
        }

        var now = time.GetUtcNow();
        if (plannedRound != round.CurrentRound)
        {
            plannedRound = round.CurrentRound;
            dueAt = now + (maxDelay * random.NextDouble());
        }

        return now >= dueAt;
    }
}
