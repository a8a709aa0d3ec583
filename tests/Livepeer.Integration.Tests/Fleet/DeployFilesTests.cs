using System.Text.RegularExpressions;
using Livepeer.Node;
using YamlDotNet.RepresentationModel;

namespace Livepeer.Integration.Tests.Fleet;

/// <summary>
/// The deploy/ files cannot run here (no Docker engine, no Kubernetes): they are parsed and checked against the silo
/// they deploy: its settings, ports and health endpoints.
/// </summary>
public sealed partial class DeployFilesTests
{
    private static readonly string Deploy = Path.Combine(RepositoryRoot(), "deploy");

    private static readonly HashSet<string> Settings = typeof(NodeOptions).GetProperties().Select(p => p.Name).ToHashSet();

    [Fact]
    public void Every_Node_variable_in_the_deploy_files_names_a_silo_setting()
    {
        var files = Directory.GetFiles(Deploy, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).ToList();
        var names = files.SelectMany(f => NodeVariable().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Setting: m.Groups[1].Value))).ToList();

        Assert.Contains(names, n => n.Setting == nameof(NodeOptions.Cluster));
        Assert.All(names, n => Assert.True(Settings.Contains(n.Setting), $"{n.File}: Node__{n.Setting} is not a NodeOptions setting"));
    }

    [Fact]
    public void Kubernetes_silos_probe_readyz_and_healthz_and_gpu_workers_ask_for_a_gpu()
    {
        var containers = KubernetesDocuments()
            .Where(d => Scalar(d, "kind") is "Deployment" or "StatefulSet")
            .SelectMany(d => Sequence(d, "spec", "template", "spec", "containers").Select(c => (Workload: d, Container: c)))
            .Where(w => Scalar(w.Container, "image")!.StartsWith("livepeer-orleans/silo", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(2, containers.Count);
        foreach (var (workload, container) in containers)
        {
            Assert.Equal("/readyz", Scalar(container, "readinessProbe", "httpGet", "path"));
            Assert.Equal("/healthz", Scalar(container, "livenessProbe", "httpGet", "path"));
            var ports = Sequence(container, "ports").Select(p => Scalar(p, "containerPort")).ToList();
            Assert.Contains("9935", ports);
            Assert.Contains("11111", ports);
            var env = Sequence(container, "env").ToDictionary(e => Scalar(e, "name")!, e => Scalar(e, "value"));
            Assert.Equal("true", env["Node__Kubernetes"]);
            Assert.All(["POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_CLUSTER_ID", "ORLEANS_SERVICE_ID"], v => Assert.True(env.ContainsKey(v), v));
            var roles = SiloRoles.Parse(env["Node__Roles"]!);
            if (roles.Contains(SiloRoles.GpuWorker))
            {
                Assert.Equal("1", Scalar(container, "resources", "limits", "nvidia.com/gpu"));
                Assert.Equal("true", Scalar(workload, "spec", "template", "spec", "nodeSelector", "nvidia.com/gpu.present"));
            }
        }
    }

    [Fact]
    public void Compose_fleet_has_redis_a_gateway_and_workers_with_valid_roles()
    {
        var compose = Load(Path.Combine(Deploy, "docker-compose.yml")).Single();
        var services = (YamlMappingNode)compose.Children[new YamlScalarNode("services")];
        var roles = services.Children
            .Where(s => s.Value is YamlMappingNode service && service.Children.ContainsKey(new YamlScalarNode("environment")))
            .Select(s => SiloRoles.Parse(Scalar(s.Value, "environment", "Node__Roles")!))
            .ToList();

        Assert.Equal("redis:7.0", Scalar(services.Children[new YamlScalarNode("redis")], "image"));
        Assert.Contains(roles, r => r.Contains(SiloRoles.Gateway));
        Assert.Equal(2, roles.Count(r => r.Contains(SiloRoles.CpuWorker)));
    }

    [Fact]
    public void Dockerfile_runs_the_silo_on_the_aspnet_runtime_with_ffmpeg()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Deploy, "Dockerfile"));

        Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:10.0", dockerfile);
        Assert.Contains("ffmpeg", dockerfile);
        Assert.Contains("EXPOSE 9935 8935 11111 30000", dockerfile);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"Livepeer.Silo.dll\"]", dockerfile);
    }

    private static IEnumerable<YamlMappingNode> KubernetesDocuments() =>
        Directory.GetFiles(Path.Combine(Deploy, "kubernetes"), "*.yaml").SelectMany(Load);

    private static IEnumerable<YamlMappingNode> Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode);
    }

    private static YamlNode? Node(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
                return null;
            node = next;
        }
        return node;
    }

    private static string? Scalar(YamlNode node, params string[] path) => (Node(node, path) as YamlScalarNode)?.Value;

    private static IEnumerable<YamlNode> Sequence(YamlNode node, params string[] path) =>
        Node(node, path) as YamlSequenceNode ?? Enumerable.Empty<YamlNode>();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Livepeer.Orleans.sln")))
                return directory.FullName;
        throw new InvalidOperationException("repository root (Livepeer.Orleans.sln) not found");
    }

    [GeneratedRegex(@"Node__([A-Za-z]+)")]
    private static partial Regex NodeVariable();
}
