using Livepeer.Crypto;

namespace Livepeer.Node;

/// <summary>
/// The Ethereum keys of the embedded node: the gateway's (ticket sender) and the orchestrator's (ticket recipient).
/// Created on first start and kept, readable by the owner only, under <c>{DataDirectory}/keys</c>, so that deposits
/// and nonces tied to the addresses survive restarts.
/// </summary>
public sealed class NodeKeys
{
    private NodeKeys(EthKey gateway, EthKey orchestrator)
    {
        Gateway = gateway;
        Orchestrator = orchestrator;
    }

    public EthKey Gateway { get; }

    public EthKey Orchestrator { get; }

    /// <summary>
    /// The keys of a node on chain: its one account (from the keystore) both pays as the gateway and earns as the
    /// orchestrator, as a go-livepeer node has one account; the gateway's tickets draw on that account's deposit.
    /// </summary>
    public static NodeKeys ForAccount(EthKey account) => new(account, account);

    public static NodeKeys LoadOrCreate(string dataDirectory)
    {
        var directory = Path.Combine(dataDirectory, "keys");
        Directory.CreateDirectory(directory);
        return new NodeKeys(LoadOrCreateKey(Path.Combine(directory, "gateway.key")), LoadOrCreateKey(Path.Combine(directory, "orchestrator.key")));
    }

    private static EthKey LoadOrCreateKey(string path)
    {
        if (File.Exists(path))
            return EthKey.FromHex(File.ReadAllText(path).Trim());
        var key = EthKey.Generate();
        var temp = path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            file.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToHexStringLower(key.PrivateKeyBytes())));
            file.Flush(flushToDisk: true);
        }
        File.Move(temp, path);
        return key;
    }
}
