using System.Collections;

namespace Livepeer.Ethereum;

/// <summary>
/// Decoded function results, calldata or event fields, in declaration order, readable by position or by name.
/// Nested tuples and arrays are <c>object?[]</c>.
/// </summary>
public sealed class AbiValues : IReadOnlyList<object?>
{
    private readonly object?[] values;

    internal AbiValues(IReadOnlyList<AbiParameter> parameters, object?[] values)
    {
        Parameters = parameters;
        this.values = values;
    }

    public IReadOnlyList<AbiParameter> Parameters { get; }

    public int Count => values.Length;

    public object? this[int index] => values[index];

    /// <exception cref="KeyNotFoundException">No parameter has that name.</exception>
    public object? this[string name] => values[IndexOf(name)];

    /// <exception cref="InvalidCastException">The value is not a <typeparamref name="T"/>.</exception>
    public T Get<T>(int index) => values[index] is T value
        ? value
        : throw new InvalidCastException($"value {index} ({Parameters[index]}) is {Describe(values[index])}, not {typeof(T).Name}");

    /// <exception cref="KeyNotFoundException">No parameter has that name.</exception>
    /// <exception cref="InvalidCastException">The value is not a <typeparamref name="T"/>.</exception>
    public T Get<T>(string name) => Get<T>(IndexOf(name));

    public object?[] ToArray() => (object?[])values.Clone();

    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string name)
    {
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (Parameters[i].Name == name)
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"no value named '{name}' among ({string.Join(", ", Parameters)})");
    }

    private static string Describe(object? value) => value is null ? "null" : "a " + value.GetType().Name;
}
