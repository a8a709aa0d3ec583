using Livepeer.Node;
using Livepeer.Silo.Hosting;

namespace Livepeer.Silo.Cli;

/// <summary>
/// An operator command line: <c>&lt;command&gt; [operands] [--switch=value ...]</c>. The switches are the node's own
/// (<c>--network</c>, <c>--ethUrl</c>, ..., <c>--Node:X=</c>) and read the same configuration as the node, so a command
/// acts on the account and chain the node uses.
/// </summary>
internal sealed record CliArguments(string Command, IReadOnlyList<string> Operands, NodeOptions Node)
{
    /// <exception cref="CliUsageException">No command.</exception>
    public static CliArguments Parse(string[] args)
    {
        var operands = new List<string>();
        var switches = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                operands.Add(args[i]);
                continue;
            }

            switches.Add(args[i]);
            // "--switch value" as the node takes it.
            if (!args[i].Contains('=', StringComparison.Ordinal) && i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                switches.Add(args[++i]);
            }
        }

        if (operands.Count == 0)
        {
            throw new CliUsageException("no command");
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. switches], NodeHost.Switches)
            .Build();
        var node = configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
        return new CliArguments(operands[0], operands[1..], node);
    }

    /// <summary>The operand at <paramref name="index"/>.</summary>
    /// <exception cref="CliUsageException">It is missing.</exception>
    public string Operand(int index, string name) =>
        index < Operands.Count ? Operands[index] : throw new CliUsageException($"{Command} needs <{name}>");
}

/// <summary>A command line the CLI cannot run; the message says what is wrong, and the usage follows it.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
