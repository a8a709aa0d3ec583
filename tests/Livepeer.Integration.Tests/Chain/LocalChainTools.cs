namespace Livepeer.Integration.Tests.Chain;

/// <summary>
/// Where <c>scripts/install-prerequisites</c> puts the local test chain's tools: anvil and the unpacked
/// <c>@livepeer/sdk</c> artifacts, under the git-ignored <c>.tools/</c> folder (see shared spec: protocol-contracts.md §16.1).
/// </summary>
public static class LocalChainTools
{
    public const string SdkVersion = "1.0.1-alpha.10";

    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string ToolsDirectory => Path.Combine(Root.Value, ".tools");

    /// <summary>The anvil binary; throws, saying how to install it, when it is missing.</summary>
    public static string Anvil => Require(
        Path.Combine(ToolsDirectory, "anvil", "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil"), "anvil");

    /// <summary>The SDK's Hardhat artifacts folder (<c>package/abis</c>); throws, saying how to install it, when missing.</summary>
    public static string SdkArtifacts => Require(
        Path.Combine(ToolsDirectory, $"livepeer-sdk-{SdkVersion}", "package", "abis"), $"@livepeer/sdk@{SdkVersion} artifacts");

    private static string Require(string path, string what) =>
        File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"{what} not found at {path}: run scripts/install-prerequisites (it installs the local test chain tools with npm)");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Livepeer.Orleans.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Livepeer.Orleans.sln above {AppContext.BaseDirectory}: cannot find the .tools folder");
    }
}
