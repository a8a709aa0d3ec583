using System.Text;
using System.Text.Json;
using Livepeer.Crypto;

namespace Livepeer.Integration.Tests.Chain;

/// <summary>
/// The Hardhat artifacts (ABI, bytecode, link references) of the Livepeer contracts shipped in the npm package
/// <c>@livepeer/sdk</c> (see shared spec: protocol-contracts.md §16.1–16.2), found by contract name.
/// </summary>
/// <remarks>
/// This lives in the test project, not in Livepeer.Grains: a node never deploys contracts (on Arbitrum it resolves
/// addresses through the Controller and calls them), and the artifacts exist only where scripts/install-prerequisites
/// ran. Move it next to the JSON-RPC client if the node ever gets a local-chain mode.
/// </remarks>
public sealed class LivepeerArtifacts
{
    private static readonly Lazy<LivepeerArtifacts> SdkArtifacts = new(() => new LivepeerArtifacts(LocalChainTools.SdkArtifacts));

    private readonly string directory;
    private readonly Dictionary<string, List<string>> filesByName;

    /// <summary>
    /// Indexes the artifacts under <paramref name="abisDirectory"/>. The package holds two compiles of the sources: the
    /// top level, which the SDK itself loads (<c>main/index.js</c>), and a <c>contracts/</c> copy whose BondingManager
    /// bytecode differs. Only the top level is used.
    /// </summary>
    public LivepeerArtifacts(string abisDirectory)
    {
        directory = abisDirectory;
        var secondCopy = Path.Combine(abisDirectory, "contracts") + Path.DirectorySeparatorChar;
        filesByName = Directory.EnumerateFiles(abisDirectory, "*.json", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".dbg.json", StringComparison.Ordinal) && !f.StartsWith(secondCopy, StringComparison.Ordinal))
            .GroupBy(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }

    /// <summary>The artifacts of the installed <c>@livepeer/sdk</c> (see <see cref="LocalChainTools"/>).</summary>
    public static LivepeerArtifacts Sdk => SdkArtifacts.Value;

    /// <summary>The artifact of <paramref name="contractName"/>, e.g. "BondingManager" or "SortedDoublyLL".</summary>
    public ContractArtifact Get(string contractName)
    {
        if (!filesByName.TryGetValue(contractName, out var files))
        {
            throw new KeyNotFoundException($"no artifact named {contractName} under {directory}");
        }

        if (files.Count > 1)
        {
            throw new InvalidOperationException(
                $"{files.Count} artifacts are named {contractName}: {string.Join(", ", files.Select(f => Path.GetRelativePath(directory, f)))}");
        }

        return ContractArtifact.Parse(File.ReadAllBytes(files[0]));
    }
}

/// <summary>
/// One contract's Hardhat artifact. Until every library it uses is <see cref="Link">linked</see>, its bytecode holds
/// 40-character placeholders <c>__$</c> + the first 17 bytes of keccak256("source:Library") in hex + <c>$__</c> at the
/// byte offsets listed in <see cref="LinkReferences"/>.
/// </summary>
public sealed class ContractArtifact
{
    private const string PlaceholderStart = "__$";
    private const int AddressHexLength = EthAddress.Length * 2;

    private ContractArtifact(
        string contractName,
        string sourceName,
        string abiJson,
        string bytecodeHex,
        string deployedBytecodeHex,
        IReadOnlyList<LinkReference> linkReferences,
        IReadOnlyList<LinkReference> deployedLinkReferences)
    {
        ContractName = contractName;
        SourceName = sourceName;
        AbiJson = abiJson;
        BytecodeHex = bytecodeHex;
        DeployedBytecodeHex = deployedBytecodeHex;
        LinkReferences = linkReferences;
        DeployedLinkReferences = deployedLinkReferences;
    }

    public string ContractName { get; }

    /// <summary>The Solidity source path, e.g. "contracts/bonding/BondingManager.sol".</summary>
    public string SourceName { get; }

    /// <summary>The ABI as JSON text.</summary>
    public string AbiJson { get; }

    /// <summary>The creation code as hex without 0x, with placeholders for libraries not yet linked.</summary>
    public string BytecodeHex { get; }

    /// <summary>The runtime code as hex without 0x, with placeholders for libraries not yet linked.</summary>
    public string DeployedBytecodeHex { get; }

    /// <summary>Where each library's address goes in the creation code.</summary>
    public IReadOnlyList<LinkReference> LinkReferences { get; }

    /// <summary>Where each library's address goes in the runtime code.</summary>
    public IReadOnlyList<LinkReference> DeployedLinkReferences { get; }

    public bool IsLinked => !BytecodeHex.Contains(PlaceholderStart, StringComparison.Ordinal);

    /// <summary>The creation code, ready to deploy; throws while a library is still unlinked.</summary>
    public byte[] Bytecode => IsLinked
        ? Convert.FromHexString(BytecodeHex)
        : throw new InvalidOperationException(
            $"{ContractName} needs its libraries linked first: {string.Join(", ", LinkReferences.Select(r => r.LibraryName).Distinct())}");

    /// <summary>
    /// A copy with <paramref name="address"/> written at every position of <paramref name="libraryName"/>, in both the
    /// creation and runtime code. Each position is checked to hold that library's placeholder.
    /// </summary>
    public ContractArtifact Link(string libraryName, EthAddress address)
    {
        var references = LinkReferences.Where(r => r.LibraryName == libraryName).ToList();
        if (references.Count == 0)
        {
            throw new ArgumentException(
                $"{ContractName} does not link {libraryName}; it links: {string.Join(", ", LinkReferences.Select(r => r.LibraryName).Distinct())}",
                nameof(libraryName));
        }

        var hex = Convert.ToHexStringLower(address.Span);
        return new ContractArtifact(
            ContractName,
            SourceName,
            AbiJson,
            Patch(BytecodeHex, references, hex),
            Patch(DeployedBytecodeHex, DeployedLinkReferences.Where(r => r.LibraryName == libraryName), hex),
            LinkReferences,
            DeployedLinkReferences);
    }

    private string Patch(string bytecodeHex, IEnumerable<LinkReference> references, string addressHex)
    {
        var code = new StringBuilder(bytecodeHex);
        foreach (var reference in references)
        {
            var at = reference.Start * 2;
            var placeholder = bytecodeHex.Substring(at, AddressHexLength);
            if (placeholder != reference.Placeholder)
            {
                throw new InvalidOperationException(
                    $"{ContractName} has \"{placeholder}\" at byte {reference.Start}, not the placeholder of {reference.FullyQualifiedName}");
            }

            code.Remove(at, AddressHexLength).Insert(at, addressHex);
        }

        return code.ToString();
    }

    internal static ContractArtifact Parse(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new ContractArtifact(
            root.GetProperty("contractName").GetString()!,
            root.GetProperty("sourceName").GetString()!,
            root.GetProperty("abi").GetRawText(),
            StripPrefix(root.GetProperty("bytecode").GetString()!),
            StripPrefix(root.GetProperty("deployedBytecode").GetString()!),
            ReadLinkReferences(root.GetProperty("linkReferences")),
            ReadLinkReferences(root.GetProperty("deployedLinkReferences")));
    }

    /// <summary>Hardhat's shape: { "source.sol": { "Library": [ { "start": n, "length": 20 } ] } }.</summary>
    private static List<LinkReference> ReadLinkReferences(JsonElement bySource) =>
    [
        .. from source in bySource.EnumerateObject()
           from library in source.Value.EnumerateObject()
           from position in library.Value.EnumerateArray()
           select new LinkReference(source.Name, library.Name, position.GetProperty("start").GetInt32(), position.GetProperty("length").GetInt32()),
    ];

    private static string StripPrefix(string hex) => hex.StartsWith("0x", StringComparison.Ordinal) ? hex[2..] : hex;
}

/// <summary>One place in a contract's code where a library's 20-byte address goes.</summary>
public sealed record LinkReference(string SourceName, string LibraryName, int Start, int Length)
{
    public string FullyQualifiedName => $"{SourceName}:{LibraryName}";

    /// <summary>What the Solidity compiler writes there until the library is linked.</summary>
    public string Placeholder
    {
        get
        {
            var hash = Keccak256.Hash(Encoding.UTF8.GetBytes(FullyQualifiedName));
            return "__$" + Convert.ToHexStringLower(hash.AsSpan(0, 17)) + "$__";
        }
    }
}
