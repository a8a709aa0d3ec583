using Livepeer.Crypto;
using Livepeer.Ethereum;
using Livepeer.Silo.Cli;

namespace Livepeer.Integration.Tests.Chain;

/// <summary>
/// A node's account as an operator sets it up: the key in a keystore file, its password in a password file, and the
/// switches that point the node or its operator commands at the fixture's chain.
/// </summary>
public sealed class NodeAccount : IDisposable
{
    public NodeAccount(LivepeerProtocolFixture fixture, EthKey key)
    {
        Key = key;
        Directory.CreateDirectory(Folder);
        var keystore = Path.Combine(Folder, "keystore");
        Directory.CreateDirectory(keystore);
        // A low scrypt cost keeps the test fast; the node reads any cost.
        File.WriteAllText(Path.Combine(keystore, $"UTC--{key.Address}.json"), EncryptedKeystore.Encrypt(key, Password, scryptN: 1 << 10));
        var passwordFile = Path.Combine(Folder, "password.txt");
        File.WriteAllText(passwordFile, Password + "\n");
        Switches =
        [
            "--network=custom",
            $"--ethUrl={fixture.Chain.Endpoint}",
            $"--ethController={fixture.Protocol.Controller}",
            $"--ethKeystorePath={keystore}",
            $"--ethPassword={passwordFile}",
        ];
    }

    public const string Password = "correct horse battery staple";

    public EthKey Key { get; }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "livepeer-account-tests", Guid.NewGuid().ToString("N"));

    public IReadOnlyList<string> Switches { get; }

    /// <summary>Runs an operator command through the CLI's entry point; returns its exit code and what it printed.</summary>
    public async Task<(int ExitCode, string Output, string Error)> CliAsync(params string[] command)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await NodeCli.RunAsync([.. command, .. Switches], output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command that must succeed; returns its output.</summary>
    public async Task<string> CliOkAsync(params string[] command)
    {
        var (exitCode, output, error) = await CliAsync(command);
        Assert.True(exitCode == 0, $"cli {string.Join(' ', command)} exited with {exitCode}: {error}{output}");
        return output;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
