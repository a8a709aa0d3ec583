namespace Livepeer.Ethereum;

/// <summary>
/// Which block a JSON-RPC read is evaluated at: a block number or one of the tags "latest", "pending", "earliest",
/// "safe" and "finalized".
/// </summary>
public readonly record struct BlockParameter
{
    private readonly string? value;

    private BlockParameter(string value) => this.value = value;

    public static BlockParameter Latest { get; } = new("latest");

    public static BlockParameter Pending { get; } = new("pending");

    public static BlockParameter Earliest { get; } = new("earliest");

    public static BlockParameter Safe { get; } = new("safe");

    public static BlockParameter Finalized { get; } = new("finalized");

    public static BlockParameter Number(long number) => new(JsonRpcHex.FromQuantity(number));

    public static implicit operator BlockParameter(long number) => Number(number);

    /// <summary>The JSON-RPC form; <c>default(BlockParameter)</c> means "latest".</summary>
    public override string ToString() => value ?? "latest";
}
