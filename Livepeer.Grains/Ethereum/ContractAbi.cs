using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Livepeer.Crypto;

namespace Livepeer.Ethereum;

/// <summary>
/// A contract's functions, events and constructor, as loaded from a JSON ABI (a Hardhat artifact's <c>abi</c>
/// array). Functions and events are found by name, or by signature where a name is overloaded.
/// </summary>
public sealed class ContractAbi
{
    private readonly Dictionary<string, AbiFunction> functionsBySignature = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AbiEvent> eventsBySignature = new(StringComparer.Ordinal);
    private readonly Dictionary<Hash32, AbiEvent> eventsByTopic = [];

    public ContractAbi(IEnumerable<AbiFunction> functions, IEnumerable<AbiEvent> events, IReadOnlyList<AbiParameter>? constructorInputs = null)
    {
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(events);
        Functions = [.. functions];
        Events = [.. events];
        ConstructorInputs = constructorInputs is null ? [] : [.. constructorInputs];
        foreach (var function in Functions)
        {
            if (!functionsBySignature.TryAdd(function.Signature, function))
            {
                throw new ArgumentException($"function {function.Signature} is declared twice", nameof(functions));
            }
        }

        foreach (var abiEvent in Events)
        {
            if (!eventsBySignature.TryAdd(abiEvent.Signature, abiEvent))
            {
                throw new ArgumentException($"event {abiEvent.Signature} is declared twice", nameof(events));
            }

            // Anonymous events have no topic0 to be found by.
            if (!abiEvent.Anonymous)
            {
                eventsByTopic[abiEvent.Topic0] = abiEvent;
            }
        }
    }

    public IReadOnlyList<AbiFunction> Functions { get; }

    public IReadOnlyList<AbiEvent> Events { get; }

    /// <summary>The constructor's parameters; empty when the contract declares none.</summary>
    public IReadOnlyList<AbiParameter> ConstructorInputs { get; }

    /// <summary>
    /// Loads a JSON ABI: the array of entries, or a Hardhat/Truffle artifact object holding it under <c>abi</c>.
    /// Functions, events and the constructor are read (with tuple <c>components</c>); fallback, receive and
    /// error entries are skipped.
    /// </summary>
    /// <exception cref="FormatException">Not a valid JSON ABI.</exception>
    public static ContractAbi FromJson(string abiJson)
    {
        ArgumentNullException.ThrowIfNull(abiJson);
        try
        {
            using var document = JsonDocument.Parse(abiJson);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("abi", out var abi))
            {
                root = abi;
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("a JSON ABI is an array of entries, or an object with one under \"abi\"");
            }

            return Load(root);
        }
        catch (JsonException e)
        {
            throw new FormatException($"invalid JSON ABI: {e.Message}", e);
        }
    }

    /// <summary>
    /// The function with this name, or with this signature (<c>name(types)</c>) when the name is overloaded.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such function.</exception>
    /// <exception cref="ArgumentException">The name is overloaded; use a signature.</exception>
    public AbiFunction GetFunction(string nameOrSignature) =>
        Find(nameOrSignature, functionsBySignature, Functions, f => f.Name, s => AbiFunction.Parse(s).Signature, "function");

    /// <summary>The event with this name, or with this signature when the name is overloaded.</summary>
    /// <exception cref="KeyNotFoundException">No such event.</exception>
    /// <exception cref="ArgumentException">The name is overloaded; use a signature.</exception>
    public AbiEvent GetEvent(string nameOrSignature) =>
        Find(nameOrSignature, eventsBySignature, Events, e => e.Name, s => AbiEvent.Parse(s).Signature, "event");

    /// <summary>The event whose logs start with <paramref name="topic0"/>.</summary>
    public bool TryGetEvent(Hash32 topic0, [NotNullWhen(true)] out AbiEvent? abiEvent) =>
        eventsByTopic.TryGetValue(topic0, out abiEvent);

    /// <summary>Deployment data: the creation bytecode followed by the ABI-encoded constructor arguments.</summary>
    /// <exception cref="AbiEncodingException">An argument does not fit its type, or the count is wrong.</exception>
    public byte[] EncodeConstructor(ReadOnlySpan<byte> bytecode, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        AbiFunction.CheckArgumentCount("the constructor", ConstructorInputs, args);
        return AbiEncoder.Encode(bytecode, AbiMembers.Of(ConstructorInputs), args);
    }

    private static T Find<T>(
        string nameOrSignature,
        Dictionary<string, T> bySignature,
        IReadOnlyList<T> all,
        Func<T, string> nameOf,
        Func<string, string> canonical,
        string kind)
    {
        ArgumentNullException.ThrowIfNull(nameOrSignature);
        if (nameOrSignature.Contains('('))
        {
            return bySignature.TryGetValue(canonical(nameOrSignature), out var exact)
                ? exact
                : throw new KeyNotFoundException($"no {kind} {nameOrSignature} in the ABI");
        }

        var named = all.Where(x => nameOf(x) == nameOrSignature).ToList();
        return named.Count switch
        {
            1 => named[0],
            0 => throw new KeyNotFoundException($"no {kind} named '{nameOrSignature}' in the ABI"),
            _ => throw new ArgumentException(
                $"{kind} '{nameOrSignature}' is overloaded; name one by signature: {string.Join(", ", named)}", nameof(nameOrSignature)),
        };
    }

    private static ContractAbi Load(JsonElement entries)
    {
        List<AbiFunction> functions = [];
        List<AbiEvent> events = [];
        IReadOnlyList<AbiParameter>? constructorInputs = null;
        var index = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            var name = entry.ValueKind == JsonValueKind.Object ? OptionalString(entry, "name") : string.Empty;
            try
            {
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException("an entry must be an object");
                }

                // Old compilers omit "type" for functions.
                switch (OptionalString(entry, "type") is { Length: > 0 } type ? type : "function")
                {
                    case "function":
                        functions.Add(new AbiFunction(
                            RequiredName(name),
                            Parameters(entry, "inputs", allowIndexed: false),
                            Parameters(entry, "outputs", allowIndexed: false),
                            Mutability(entry)));
                        break;
                    case "event":
                        events.Add(new AbiEvent(
                            RequiredName(name),
                            Parameters(entry, "inputs", allowIndexed: true),
                            entry.TryGetProperty("anonymous", out var anonymous) && anonymous.ValueKind == JsonValueKind.True));
                        break;
                    case "constructor":
                        constructorInputs = constructorInputs is null
                            ? Parameters(entry, "inputs", allowIndexed: false)
                            : throw new FormatException("a second constructor");
                        break;
                    case "fallback" or "receive" or "error":
                        break;
                    case var other:
                        throw new FormatException($"unknown entry type '{other}'");
                }
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                var what = name.Length > 0 ? $"entry {index} ({name})" : $"entry {index}";
                throw new FormatException($"invalid JSON ABI, {what}: {e.Message}", e);
            }

            index++;
        }

        try
        {
            return new ContractAbi(functions, events, constructorInputs);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"invalid JSON ABI: {e.Message}", e);
        }
    }

    private static List<AbiParameter> Parameters(JsonElement entry, string property, bool allowIndexed)
    {
        if (!entry.TryGetProperty(property, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"\"{property}\" must be an array");
        }

        return [.. list.EnumerateArray().Select(p => Parameter(p, allowIndexed))];
    }

    private static AbiParameter Parameter(JsonElement parameter, bool allowIndexed)
    {
        if (parameter.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a parameter must be an object");
        }

        var name = OptionalString(parameter, "name");
        var typeText = OptionalString(parameter, "type");
        if (typeText.Length == 0)
        {
            throw new FormatException($"parameter '{name}' has no type");
        }

        AbiType type;
        if (typeText.StartsWith("tuple", StringComparison.Ordinal))
        {
            // "tuple", "tuple[]", "tuple[2][]": the members are in "components", the suffix makes arrays of it.
            var components = Parameters(parameter, "components", allowIndexed: false);
            var tuple = new AbiTupleType([.. components.Select(c => c.Type)], [.. components.Select(c => c.Name)]);
            type = AbiSignatureParser.ApplyArraySuffixes(tuple, typeText["tuple".Length..]);
        }
        else
        {
            type = AbiType.Parse(typeText);
        }

        var indexed = parameter.TryGetProperty("indexed", out var flag) && flag.ValueKind == JsonValueKind.True;
        if (indexed && !allowIndexed)
        {
            throw new FormatException($"parameter '{name}' is indexed outside an event");
        }

        return new AbiParameter(name, type, indexed);
    }

    private static StateMutability Mutability(JsonElement entry)
    {
        if (entry.TryGetProperty("stateMutability", out var value))
        {
            return value.GetString() switch
            {
                "pure" => StateMutability.Pure,
                "view" => StateMutability.View,
                "nonpayable" => StateMutability.NonPayable,
                "payable" => StateMutability.Payable,
                var other => throw new FormatException($"unknown stateMutability '{other}'"),
            };
        }

        // Before Solidity 0.4.16 ABIs said "constant" and "payable" instead.
        return entry.TryGetProperty("payable", out var payable) && payable.ValueKind == JsonValueKind.True ? StateMutability.Payable
            : entry.TryGetProperty("constant", out var constant) && constant.ValueKind == JsonValueKind.True ? StateMutability.View
            : StateMutability.NonPayable;
    }

    private static string RequiredName(string name) =>
        name.Length > 0 ? name : throw new FormatException("a function or event needs a name");

    private static string OptionalString(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
}
