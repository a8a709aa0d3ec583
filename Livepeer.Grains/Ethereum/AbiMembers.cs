namespace Livepeer.Ethereum;

/// <summary>
/// The types of a sequence encoded as a tuple: function arguments, a tuple's components, or an array's elements
/// (one type repeated, so a long array needs no list of types).
/// </summary>
internal readonly struct AbiMembers
{
    private readonly IReadOnlyList<AbiType>? types;
    private readonly AbiType? repeated;
    private readonly IReadOnlyList<string>? names;

    private AbiMembers(IReadOnlyList<AbiType>? types, AbiType? repeated, int count, IReadOnlyList<string>? names)
    {
        this.types = types;
        this.repeated = repeated;
        this.names = names;
        Count = count;
    }

    public int Count { get; }

    public AbiType this[int index] => repeated ?? types![index];

    public static AbiMembers Of(IReadOnlyList<AbiType> types, IReadOnlyList<string>? names = null) =>
        new(types, null, types.Count, names);

    public static AbiMembers Of(AbiTupleType tuple) => new(tuple.Components, null, tuple.Components.Count, tuple.ComponentNames);

    public static AbiMembers Of(IReadOnlyList<AbiParameter> parameters) =>
        new([.. parameters.Select(p => p.Type)], null, parameters.Count, [.. parameters.Select(p => p.Name)]);

    public static AbiMembers Repeat(AbiType element, int count) => new(null, element, count, null);

    /// <summary>The size of the sequence's head; a long, as an array length comes from outside.</summary>
    public long HeadSize
    {
        get
        {
            if (repeated is not null)
            {
                return (long)repeated.HeadSize * Count;
            }

            var size = 0L;
            foreach (var type in types!)
            {
                size += type.HeadSize;
            }

            return size;
        }
    }

    /// <summary>How a value at <paramref name="index"/> is named in an error path.</summary>
    public string Segment(int index) =>
        names is not null && names[index].Length > 0 ? names[index] : $"[{index}]";
}
