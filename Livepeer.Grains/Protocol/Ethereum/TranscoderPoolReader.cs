using Livepeer.Discovery;

namespace Livepeer.Protocol.Ethereum;

/// <summary>
/// The gateway's view of the on-chain pool (go-livepeer's <c>DBOrchestratorPoolCache</c>): the pool members active in
/// the current round that advertise an absolute service URI, with their total stake. The walk costs three calls per
/// member, so its result is kept for <see cref="CacheDuration"/> (every session start asks for the candidates).
/// </summary>
public sealed class TranscoderPoolReader(BondingManagerClient bonding, ServiceRegistryClient serviceRegistry, TimeProvider time)
    : ITranscoderPoolReader
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromMinutes(1);

    private readonly RefreshingCache<IReadOnlyList<PoolOrchestrator>> _pool = new(CacheDuration, time, []);

    public Task<IReadOnlyList<PoolOrchestrator>> GetActivePoolAsync(CancellationToken cancellationToken) =>
        _pool.GetAsync((_, ct) => ReadAsync(ct), cancellationToken);

    private async Task<IReadOnlyList<PoolOrchestrator>> ReadAsync(CancellationToken cancellationToken)
    {
        var active = new List<PoolOrchestrator>();
        foreach (var member in await bonding.GetTranscoderPoolAsync(cancellationToken))
        {
            // The pool is next round's set: a newcomer is in it a round before it is active (spec §7.2).
            if (!await bonding.IsActiveTranscoderAsync(member.Address, cancellationToken))
                continue;
            var uri = await serviceRegistry.GetServiceUriAsync(member.Address, cancellationToken);
            if (Uri.TryCreate(uri, UriKind.Absolute, out var serviceUri))
                active.Add(new PoolOrchestrator(member.Address, serviceUri, member.TotalStake));
        }

        return active;
    }
}
