using Livepeer.Node;
using Livepeer.Payments;
using Microsoft.Extensions.Options;

namespace Livepeer.AI;

/// <summary>A runner with the concurrent requests it takes.</summary>
public sealed record AIRunnerEntry(IAIRunner Runner, int Capacity);

/// <summary>
/// The node's aiModels.json (<see cref="NodeOptions.AIModels"/>) with the runner behind each entry: an external
/// ai-runner for an entry with a <c>url</c>, else the built-in runner for that model if this node has one.
/// </summary>
public sealed class AIModels
{
    private readonly IReadOnlyList<AIModelConfig> _configs;
    private readonly Dictionary<(string, string), List<AIRunnerEntry>> _runners = [];
    private readonly NodePayments _payments;

    public AIModels(IOptions<NodeOptions> options, NodePayments payments, IEnumerable<IBuiltInAIRunner> builtIns)
    {
        _payments = payments;
        var node = options.Value;
        _configs = AIModelConfigs.Parse(node.AIModels);
        // One client for every external runner; each call carries its own deadline.
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) }) { Timeout = Timeout.InfiniteTimeSpan };
        var builtInByModel = builtIns.Where(b => b.IsAvailable).ToDictionary(b => (b.Pipeline, b.ModelId));
        foreach (var config in _configs)
        {
            IAIRunner? runner = config.Url is { } url
                ? new HttpAIRunner(new Uri(url.EndsWith('/') ? url : url + "/"), config.Token, http, node.AIRunnerTimeout)
                : builtInByModel.GetValueOrDefault((config.Pipeline, config.ModelId));
            var key = (config.Pipeline, config.ModelId);
            if (!_runners.TryGetValue(key, out var list))
                _runners[key] = list = [];
            if (runner is not null)
                list.Add(new AIRunnerEntry(runner, config.Capacity));
        }
    }

    public IReadOnlyList<AIModelConfig> Configs => _configs;

    /// <summary>Whether this node's aiModels.json lists the model for the pipeline (with or without a runner).</summary>
    public bool Offers(string pipeline, string modelId) => _runners.ContainsKey((pipeline, modelId));

    public IReadOnlyList<AIRunnerEntry> Runners(string pipeline, string modelId) =>
        _runners.TryGetValue((pipeline, modelId), out var list) ? list : [];

    public bool IsWarm(string pipeline, string modelId) => _configs.Any(c => c.Pipeline == pipeline && c.ModelId == modelId && c.Warm);

    /// <summary>The model's price (the first entry that names one), else the node's <c>-pricePerUnit</c>, as go-livepeer.</summary>
    public PriceInfo Price(string pipeline, string modelId) =>
        _configs.FirstOrDefault(c => c.Pipeline == pipeline && c.ModelId == modelId && c.Price is not null)?.Price ?? _payments.Price;
}

/// <summary>A model this node can run in-process, used for aiModels.json entries that name it without a <c>url</c>.</summary>
public interface IBuiltInAIRunner : IAIRunner
{
    string Pipeline { get; }

    string ModelId { get; }

    /// <summary>Whether its model files are on this machine; an unavailable model has no runner (503).</summary>
    bool IsAvailable { get; }
}
