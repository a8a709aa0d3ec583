using Livepeer.Crypto;

namespace Livepeer.Ethereum;

/// <summary>
/// One EIP-2930 access-list entry: an address and the storage slots a transaction declares it will touch, encoded as
/// rlp([address, [slot, ...]]).
/// </summary>
public sealed record AccessListEntry
{
    private readonly IReadOnlyList<Hash32> storageKeys;

    public AccessListEntry(EthAddress address, IEnumerable<Hash32> storageKeys)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(storageKeys);
        Address = address;
        this.storageKeys = [.. storageKeys];
    }

    public EthAddress Address { get; }

    public IReadOnlyList<Hash32> StorageKeys => storageKeys;

    public bool Equals(AccessListEntry? other) =>
        other is not null && Address == other.Address && StorageKeys.SequenceEqual(other.StorageKeys);

    public override int GetHashCode() => HashCode.Combine(Address, StorageKeys.Count);

    internal byte[] Encode() => Rlp.EncodeList(
        Rlp.EncodeBytes(Address.Span),
        Rlp.EncodeList([.. StorageKeys.Select(key => Rlp.EncodeBytes(key.Span))]));

    internal static AccessListEntry Decode(RlpItem item)
    {
        var fields = item.ReadList("accessList entry", 2);
        var keys = fields[1].ReadList("accessList storageKeys").Select(key => key.ReadHash32("accessList storage key"));
        return new AccessListEntry(fields[0].ReadAddress("accessList address"), keys);
    }
}
