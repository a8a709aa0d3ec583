using Livepeer.Node;

namespace Livepeer.Silo.Hosting;

internal static class NodeLogging
{
    /// <summary>
    /// <c>json</c>: one JSON object per line with the scopes (stream, segment, ticket sender) a log collector indexes.
    /// Nothing the node logs carries a key or a secret: keys are logged as addresses only.
    /// </summary>
    public static ILoggingBuilder AddNodeLogging(this ILoggingBuilder logging, NodeOptions node)
    {
        switch (node.LogFormat)
        {
            case "simple":
                break;
            case "json":
                logging.ClearProviders();
                logging.AddJsonConsole(o =>
                {
                    o.IncludeScopes = true;
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                });
                break;
            default:
                throw new InvalidOperationException($"Node:LogFormat '{node.LogFormat}' is not one of simple, json");
        }
        return logging;
    }
}
