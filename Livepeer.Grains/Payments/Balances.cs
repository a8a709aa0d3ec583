using Livepeer.Crypto;

namespace Livepeer.Payments;

/// <summary>
/// The orchestrator's credit per (sender, manifest) (go-livepeer's <c>core.Balances</c>): credited with the EV of valid
/// tickets, debited per encoded pixel at the price fixed by the session's first payment, and swept when idle
/// (see shared spec: payments.md §12.3).
/// </summary>
public sealed class Balances(TimeProvider time)
{
    /// <summary>go-livepeer sweeps balances untouched for 10 minutes.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);

    private readonly Dictionary<(EthAddress Sender, string Manifest), Entry> _entries = [];

    /// <summary>Fixes the session's price on its first payment and returns the price in force.</summary>
    public PriceInfo FixPrice(EthAddress sender, string manifest, PriceInfo price) =>
        Touch(sender, manifest).FixedPrice ??= price;

    public PriceInfo? FixedPrice(EthAddress sender, string manifest) =>
        _entries.TryGetValue((sender, manifest), out var entry) ? entry.FixedPrice : null;

    public BigRational Balance(EthAddress sender, string manifest) =>
        _entries.TryGetValue((sender, manifest), out var entry) ? entry.Credit : BigRational.Zero;

    public void Credit(EthAddress sender, string manifest, BigRational amount) => Touch(sender, manifest).Credit += amount;

    public void Debit(EthAddress sender, string manifest, BigRational amount) => Touch(sender, manifest).Credit -= amount;

    /// <summary>Drops balances idle for longer than <see cref="IdleTimeout"/>; returns how many.</summary>
    public int Sweep()
    {
        var cutoff = time.GetUtcNow() - IdleTimeout;
        var idle = _entries.Where(e => e.Value.LastUpdate < cutoff).Select(e => e.Key).ToList();
        idle.ForEach(key => _entries.Remove(key));
        return idle.Count;
    }

    private Entry Touch(EthAddress sender, string manifest)
    {
        if (!_entries.TryGetValue((sender, manifest), out var entry))
            _entries[(sender, manifest)] = entry = new Entry();
        entry.LastUpdate = time.GetUtcNow();
        return entry;
    }

    private sealed class Entry
    {
        public BigRational Credit { get; set; }
        public PriceInfo? FixedPrice { get; set; }
        public DateTimeOffset LastUpdate { get; set; }
    }
}
