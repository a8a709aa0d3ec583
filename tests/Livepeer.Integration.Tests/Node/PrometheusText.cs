using System.Globalization;

namespace Livepeer.Integration.Tests.Node;

/// <summary>The samples of a Prometheus text exposition, by metric name, for assertions.</summary>
public sealed class PrometheusText
{
    private readonly Dictionary<string, List<(string Labels, double Value)>> _samples;

    private PrometheusText(Dictionary<string, List<(string Labels, double Value)>> samples) => _samples = samples;

    public static PrometheusText Parse(string text)
    {
        var samples = new Dictionary<string, List<(string, double)>>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            // name{labels} value [timestamp]; label values may hold spaces, so the name ends at '{' or the first space.
            var nameEnd = line.IndexOfAny(['{', ' ']);
            var labelsEnd = line[nameEnd] == '{' ? line.LastIndexOf('}') + 1 : nameEnd;
            var value = line[(labelsEnd + 1)..].Split(' ')[0];
            var name = line[..nameEnd];
            if (!samples.TryGetValue(name, out var values))
                samples[name] = values = [];
            values.Add((line[nameEnd..labelsEnd], double.Parse(value, CultureInfo.InvariantCulture)));
        }
        return new PrometheusText(samples);
    }

    public bool Has(string name) => _samples.ContainsKey(name);

    /// <summary>The sum of the series of <paramref name="name"/> that carry every one of <paramref name="labels"/> (<c>key="value"</c>).</summary>
    public double Sum(string name, params string[] labels) => _samples.TryGetValue(name, out var values)
        ? values.Where(v => labels.All(v.Labels.Contains)).Sum(v => v.Value)
        : 0;
}
