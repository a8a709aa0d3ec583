using System.Globalization;

namespace Livepeer.Ethereum;

/// <summary>
/// Recursive-descent parser for types and signatures. Accepts canonical forms (<c>f(uint256,(address,bytes)[])</c>)
/// and, for readability, parameter names, the <c>indexed</c> keyword on event fields, whitespace, and the
/// <c>uint</c>/<c>int</c> aliases for their 256-bit forms.
/// </summary>
internal sealed class AbiSignatureParser
{
    private readonly string text;
    private int position;

    private AbiSignatureParser(string text) => this.text = text;

    private char Current => position < text.Length ? text[position] : '\0';

    public static AbiType ParseType(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new AbiSignatureParser(text);
        parser.SkipSpace();
        var type = parser.Type();
        parser.SkipSpace();
        parser.ExpectEnd();
        return type;
    }

    /// <summary>Parses <c>name(params)</c>, optionally followed by <c>returns (params)</c>.</summary>
    public static (string Name, List<AbiParameter> Inputs, List<AbiParameter> Outputs) ParseFunction(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new AbiSignatureParser(text);
        var (name, inputs) = parser.NameAndParameters(allowIndexed: false);
        List<AbiParameter> outputs = [];
        if (parser.Current != '\0')
        {
            var at = parser.position;
            if (parser.Identifier() != "returns")
            {
                parser.position = at;
                throw parser.Error("expected the end or 'returns (...)'");
            }

            parser.SkipSpace();
            parser.Expect('(');
            outputs = parser.ParameterList(allowIndexed: false);
            parser.Expect(')');
            parser.SkipSpace();
        }

        parser.ExpectEnd();
        return (name, inputs, outputs);
    }

    /// <summary>Parses <c>Name(type [indexed] [name],…)</c>, optionally followed by <c>anonymous</c>.</summary>
    public static (string Name, List<AbiParameter> Parameters, bool Anonymous) ParseEvent(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new AbiSignatureParser(text);
        var (name, parameters) = parser.NameAndParameters(allowIndexed: true);
        var anonymous = false;
        if (parser.Current != '\0')
        {
            var at = parser.position;
            if (parser.Identifier() != "anonymous")
            {
                parser.position = at;
                throw parser.Error("expected the end or 'anonymous'");
            }

            anonymous = true;
            parser.SkipSpace();
        }

        parser.ExpectEnd();
        return (name, parameters, anonymous);
    }

    /// <summary>Applies array suffixes such as <c>[2][]</c> (a JSON ABI's <c>tuple[2][]</c>) to a base type.</summary>
    public static AbiType ApplyArraySuffixes(AbiType element, string suffixes)
    {
        var parser = new AbiSignatureParser(suffixes);
        var type = parser.ArraySuffixes(element);
        parser.ExpectEnd();
        return type;
    }

    private (string Name, List<AbiParameter> Parameters) NameAndParameters(bool allowIndexed)
    {
        SkipSpace();
        var name = Identifier();
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            throw Error("expected a name");
        }

        SkipSpace();
        Expect('(');
        var parameters = ParameterList(allowIndexed);
        Expect(')');
        SkipSpace();
        return (name, parameters);
    }

    private List<AbiParameter> ParameterList(bool allowIndexed)
    {
        List<AbiParameter> parameters = [];
        SkipSpace();
        if (Current == ')')
        {
            return parameters;
        }

        while (true)
        {
            parameters.Add(Parameter(allowIndexed));
            SkipSpace();
            if (Current != ',')
            {
                return parameters;
            }

            position++;
        }
    }

    private AbiParameter Parameter(bool allowIndexed)
    {
        SkipSpace();
        var type = Type();
        SkipSpace();
        var indexed = false;
        var name = Identifier();
        if (name == "indexed")
        {
            if (!allowIndexed)
            {
                position -= name.Length;
                throw Error("'indexed' is only allowed on event fields");
            }

            indexed = true;
            SkipSpace();
            name = Identifier();
        }

        if (name.Length > 0 && char.IsAsciiDigit(name[0]))
        {
            position -= name.Length;
            throw Error("a parameter name cannot start with a digit");
        }

        return new AbiParameter(name, type, indexed);
    }

    private AbiType Type()
    {
        AbiType type;
        if (Current == '(')
        {
            position++;
            var components = ParameterList(allowIndexed: false);
            Expect(')');
            type = new AbiTupleType([.. components.Select(c => c.Type)], [.. components.Select(c => c.Name)]);
        }
        else
        {
            var start = position;
            type = Elementary(Identifier(), start);
        }

        return ArraySuffixes(type);
    }

    private AbiType ArraySuffixes(AbiType type)
    {
        while (Current == '[')
        {
            position++;
            var start = position;
            while (char.IsAsciiDigit(Current))
            {
                position++;
            }

            var digits = text[start..position];
            int? length = null;
            if (digits.Length > 0)
            {
                if ((digits.Length > 1 && digits[0] == '0') || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var k))
                {
                    position = start;
                    throw Error($"invalid array length '{digits}'");
                }

                length = k;
            }

            Expect(']');
            try
            {
                type = new AbiArrayType(type, length);
            }
            catch (ArgumentException e)
            {
                throw Error(e.Message);
            }
        }

        return type;
    }

    private AbiType Elementary(string word, int start)
    {
        switch (word)
        {
            case "address":
                return AbiType.Address;
            case "bool":
                return AbiType.Bool;
            case "string":
                return AbiType.String;
            case "bytes":
                return AbiType.Bytes;
            case "uint":
                return AbiType.Uint256;
            case "int":
                return AbiType.Int256;
            case "":
                throw Error("expected a type");
        }

        if (word.StartsWith("uint", StringComparison.Ordinal) && Size(word, 4, start) is { } unsignedBits)
        {
            return unsignedBits is >= 8 and <= 256 && unsignedBits % 8 == 0
                ? new AbiIntegerType(unsignedBits, signed: false)
                : throw ErrorAt(start, $"invalid type '{word}': integer size must be a multiple of 8 from 8 to 256");
        }

        if (word.StartsWith("int", StringComparison.Ordinal) && Size(word, 3, start) is { } signedBits)
        {
            return signedBits is >= 8 and <= 256 && signedBits % 8 == 0
                ? new AbiIntegerType(signedBits, signed: true)
                : throw ErrorAt(start, $"invalid type '{word}': integer size must be a multiple of 8 from 8 to 256");
        }

        if (word.StartsWith("bytes", StringComparison.Ordinal) && Size(word, 5, start) is { } length)
        {
            return length is >= 1 and <= AbiType.WordSize
                ? new AbiFixedBytesType(length)
                : throw ErrorAt(start, $"invalid type '{word}': fixed bytes size must be from 1 to 32");
        }

        if (word.StartsWith("fixed", StringComparison.Ordinal) || word.StartsWith("ufixed", StringComparison.Ordinal) || word == "function")
        {
            throw ErrorAt(start, $"unsupported type '{word}'");
        }

        throw ErrorAt(start, $"unknown type '{word}'");
    }

    /// <summary>The decimal size after a type prefix, or null when the rest is not digits.</summary>
    private int? Size(string word, int prefixLength, int start)
    {
        var digits = word.AsSpan(prefixLength);
        if (digits.IsEmpty || digits.IndexOfAnyExceptInRange('0', '9') >= 0)
        {
            return null;
        }

        if ((digits[0] == '0' && digits.Length > 1) || digits.Length > 3)
        {
            throw ErrorAt(start, $"invalid type '{word}'");
        }

        return int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private string Identifier()
    {
        var start = position;
        while (char.IsAsciiLetterOrDigit(Current) || Current is '_' or '$')
        {
            position++;
        }

        return text[start..position];
    }

    private void SkipSpace()
    {
        while (Current is ' ' or '\t' or '\r' or '\n')
        {
            position++;
        }
    }

    private void Expect(char expected)
    {
        if (Current != expected)
        {
            throw Error($"expected '{expected}'");
        }

        position++;
    }

    private void ExpectEnd()
    {
        if (position != text.Length)
        {
            throw Error("unexpected text");
        }
    }

    private FormatException Error(string what) => ErrorAt(position, what);

    private FormatException ErrorAt(int at, string what) =>
        new($"invalid ABI signature '{text}' at position {at}: {what}");
}
