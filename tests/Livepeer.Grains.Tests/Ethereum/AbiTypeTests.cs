using Livepeer.Ethereum;

namespace Livepeer.Grains.Tests.Ethereum;

public class AbiTypeTests
{
    [Theory]
    [InlineData("uint256", false, 32)]
    [InlineData("int8", false, 32)]
    [InlineData("address", false, 32)]
    [InlineData("bool", false, 32)]
    [InlineData("bytes1", false, 32)]
    [InlineData("bytes32", false, 32)]
    [InlineData("bytes", true, 32)]
    [InlineData("string", true, 32)]
    [InlineData("uint256[]", true, 32)]
    [InlineData("uint256[3]", false, 96)]
    [InlineData("string[3]", true, 32)]
    [InlineData("(uint256,uint256)", false, 64)]
    [InlineData("((uint256,uint256),(uint256,uint256))", false, 128)]
    [InlineData("(address,address,uint256,uint256,uint256,bytes32,bytes)", true, 32)]
    [InlineData("(address,address,uint256,uint256,uint256,bytes32,bytes)[]", true, 32)]
    [InlineData("(uint8,bool[2])[2][3]", false, 576)]
    [InlineData("()", false, 0)]
    public void Canonical_types_parse_and_print_back(string text, bool dynamic, int headSize)
    {
        var type = AbiType.Parse(text);
        Assert.Equal(text, type.CanonicalName);
        Assert.Equal(dynamic, type.IsDynamic);
        Assert.Equal(headSize, type.HeadSize);
        Assert.Equal(type, AbiType.Parse(type.CanonicalName));
    }

    [Fact]
    public void The_model_exposes_structure()
    {
        var tickets = (AbiArrayType)AbiType.Parse("(address recipient, bytes auxData)[]");
        Assert.Null(tickets.FixedLength);
        var ticket = Assert.IsType<AbiTupleType>(tickets.ElementType);
        Assert.Equal([AbiType.Address, AbiType.Bytes], ticket.Components);
        Assert.Equal(["recipient", "auxData"], ticket.ComponentNames);

        var uint8 = Assert.IsType<AbiIntegerType>(AbiType.Parse("uint8"));
        Assert.Equal((8, false, 0, 255), (uint8.Bits, uint8.IsSigned, (int)uint8.MinValue, (int)uint8.MaxValue));
        Assert.Equal(4, Assert.IsType<AbiFixedBytesType>(AbiType.Parse("bytes4")).Length);
        Assert.Equal(2, ((AbiArrayType)AbiType.Parse("bool[2]")).FixedLength);
    }

    [Fact]
    public void Equality_ignores_component_names_and_whitespace()
    {
        Assert.Equal(AbiType.Parse("(uint256,bytes)"), AbiType.Parse(" ( uint256 a , bytes b ) "));
        Assert.True(AbiType.Parse("uint") == AbiType.Uint256);
        Assert.True(AbiType.Parse("int") == AbiType.Int256);
        Assert.NotEqual(AbiType.Parse("uint8[2]"), AbiType.Parse("uint8[]"));
        Assert.Equal(AbiType.Parse("(uint256)").GetHashCode(), AbiType.Parse("(uint256 x)").GetHashCode());
    }

    [Theory]
    [InlineData("", "expected a type")]
    [InlineData("uint7", "multiple of 8")]
    [InlineData("uint264", "multiple of 8")]
    [InlineData("uint0", "invalid type")]
    [InlineData("uint08", "invalid type")]
    [InlineData("int1024", "invalid type")]
    [InlineData("bytes0", "from 1 to 32")]
    [InlineData("bytes33", "from 1 to 32")]
    [InlineData("fixed128x18", "unsupported type")]
    [InlineData("function", "unsupported type")]
    [InlineData("uint256[", "expected ']'")]
    [InlineData("uint256[01]", "invalid array length")]
    [InlineData("uint256[99999999999]", "invalid array length")]
    [InlineData("(uint256", "expected ')'")]
    [InlineData("(uint256,)", "expected a type")]
    [InlineData("uint256 x", "unexpected text")]
    [InlineData("strin", "unknown type")]
    [InlineData("(uint256 indexed)", "only allowed on event fields")]
    [InlineData("uint256[2147483647][2147483647]", "too large")]
    public void Invalid_types_are_rejected(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => AbiType.Parse(text));
        Assert.Contains(reason, error.Message);
        Assert.Contains($"'{text}'", error.Message);
    }

    [Theory]
    [InlineData("f(")]
    [InlineData("(uint256)")]
    [InlineData("1f(uint256)")]
    [InlineData("f(uint256) view")]
    [InlineData("f(uint256) returns uint256")]
    [InlineData("f(uint256 1x)")]
    public void Invalid_function_signatures_are_rejected(string text)
    {
        Assert.Throws<FormatException>(() => AbiFunction.Parse(text));
    }

    [Fact]
    public void Events_accept_indexed_and_anonymous_but_functions_do_not()
    {
        Assert.Throws<FormatException>(() => AbiFunction.Parse("f(address indexed a)"));
        Assert.Throws<FormatException>(() => AbiEvent.Parse("E(uint256) returns (uint256)"));
        Assert.True(AbiEvent.Parse("E(uint256 indexed) anonymous").Parameters[0].Indexed);
    }
}
