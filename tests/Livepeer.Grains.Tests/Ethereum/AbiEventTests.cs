using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Ethereum;
using static Livepeer.Grains.Tests.Ethereum.AbiTestHex;

namespace Livepeer.Grains.Tests.Ethereum;

public class AbiEventTests
{
    private static readonly AbiEvent WinningTicketRedeemed = AbiEvent.Parse(
        "WinningTicketRedeemed(address indexed sender, address indexed recipient, uint256 faceValue, uint256 winProb,"
        + " uint256 senderNonce, uint256 recipientRand, bytes auxData)");

    private static readonly EthAddress Sender = Address("0x19e7e376e7c213b7e7e7e46cc70a5dd086daff2a");
    private static readonly EthAddress Recipient = Address("0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1");

    private static Hash32 Topic(byte[] word) => Hash32.FromBytes(word);

    [Fact]
    public void WinningTicketRedeemed_decodes_indexed_addresses_from_topics_and_the_rest_from_data()
    {
        var auxData = Bytes("000000000000000000000000000000000000000000000000000000000000002a" + new string('7', 64));
        var data = AbiEncoder.Encode(
            [AbiType.Uint256, AbiType.Uint256, AbiType.Uint256, AbiType.Uint256, AbiType.Bytes],
            [1000, BigInteger.One << 200, 3, 99, auxData]);

        // auxData is dynamic within the data: its offset follows the four static words.
        Assert.Equal(0xa0, WordValue(data, 0x80));

        var log = WinningTicketRedeemed.Decode([WinningTicketRedeemed.Topic0, Topic(Padded(Sender)), Topic(Padded(Recipient))], data);

        Assert.Equal("0xc389eb51ed006dbf2528507f010efdf5225ea596e1e1741d74f550dab1925ee7", WinningTicketRedeemed.Topic0.ToString());
        Assert.Equal(Sender, log.Get<EthAddress>("sender"));
        Assert.Equal(Recipient, log.Get<EthAddress>("recipient"));
        Assert.Equal(new BigInteger(1000), log["faceValue"]);
        Assert.Equal(BigInteger.One << 200, log["winProb"]);
        Assert.Equal(new BigInteger(99), log["recipientRand"]);
        Assert.Equal(auxData, log.Get<byte[]>("auxData"));
        Assert.Equal(7, log.Count);
    }

    [Fact]
    public void Indexed_uint_and_non_indexed_bytes32()
    {
        var newRound = AbiEvent.Parse("NewRound(uint256 indexed round, bytes32 blockHash)");
        var blockHash = Keccak256.Hash("block"u8);
        var log = newRound.Decode([newRound.Topic0, Topic(Uint(4_321))], blockHash);
        Assert.Equal(new BigInteger(4_321), log["round"]);
        Assert.Equal(blockHash, log["blockHash"]);
    }

    [Fact]
    public void A_non_indexed_string_is_in_the_data()
    {
        var serviceUriUpdate = AbiEvent.Parse("ServiceURIUpdate(address indexed addr, string serviceURI)");
        var data = AbiEncoder.Encode([AbiType.String], ["https://orch.example:8935"]);
        var log = serviceUriUpdate.Decode([serviceUriUpdate.Topic0, Topic(Padded(Recipient))], data);
        Assert.Equal("https://orch.example:8935", log["serviceURI"]);
        Assert.Equal("0xfbb63068732c85741c9f8e61caffaabe038d577bfafd2d2dcc0e352a4f653a4c", serviceUriUpdate.Topic0.ToString());
    }

    [Fact]
    public void An_indexed_string_comes_back_as_its_hash()
    {
        var named = AbiEvent.Parse("Named(string indexed name, uint256 value)");
        var topic = AbiEvent.EncodeTopic(AbiType.String, "transcoder");
        Assert.Equal(Hash32.FromBytes(Keccak256.Hash("transcoder"u8)), topic);

        var log = named.Decode([named.Topic0, topic], Uint(1));
        Assert.Equal(topic, log["name"]);
        Assert.Equal(new BigInteger(1), log["value"]);
    }

    [Fact]
    public void Topics_for_filters_are_the_value_words()
    {
        Assert.Equal(Topic(Padded(Sender)), AbiEvent.EncodeTopic(AbiType.Address, Sender));
        Assert.Equal(Topic(Uint(7)), AbiEvent.EncodeTopic(AbiType.Uint256, 7));
        Assert.Equal(Hash32.FromBytes(Keccak256.Hash([1, 2])), AbiEvent.EncodeTopic(AbiType.Bytes, new byte[] { 1, 2 }));
        Assert.Throws<NotSupportedException>(() => AbiEvent.EncodeTopic(AbiType.Parse("uint256[]"), new[] { 1 }));
        Assert.Throws<AbiEncodingException>(() => AbiEvent.EncodeTopic(AbiType.Uint8, 256));
    }

    [Fact]
    public void Logs_of_another_event_or_with_the_wrong_topic_count_are_rejected()
    {
        var transfer = AbiEvent.Parse("Transfer(address indexed from, address indexed to, uint256 value)");
        Assert.Equal("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", transfer.Topic0.ToString());
        var approval = AbiEvent.Parse("Approval(address indexed owner, address indexed spender, uint256 value)");
        Hash32[] topics = [transfer.Topic0, Topic(Padded(Sender)), Topic(Padded(Recipient))];

        Assert.Contains("is not Approval(address,address,uint256)", Assert.Throws<FormatException>(() => approval.Decode(topics, Uint(1))).Message);
        Assert.Contains("has 3 topics, got 2", Assert.Throws<FormatException>(() => transfer.Decode(topics[..2], Uint(1))).Message);
        Assert.Throws<FormatException>(() => transfer.Decode(topics, []));
        Assert.Equal(new BigInteger(1), transfer.Decode(topics, Uint(1))["value"]);
    }

    [Fact]
    public void A_dirty_indexed_address_is_rejected()
    {
        var transfer = AbiEvent.Parse("Transfer(address indexed from, address indexed to, uint256 value)");
        var dirty = Topic([.. Fill(0xff, 12), .. Sender.Span]);
        var error = Assert.Throws<FormatException>(() => transfer.Decode([transfer.Topic0, dirty, dirty], Uint(1)));
        Assert.Contains("indexed field 0", error.Message);
    }

    [Fact]
    public void Anonymous_events_have_no_topic0()
    {
        var anonymous = AbiEvent.Parse("Ping(uint256 indexed a, uint256 indexed b, uint256 indexed c, uint256 indexed d) anonymous");
        Assert.True(anonymous.Anonymous);
        var log = anonymous.Decode([Topic(Uint(1)), Topic(Uint(2)), Topic(Uint(3)), Topic(Uint(4))], []);
        Assert.Equal(new BigInteger(4), log["d"]);
    }

    [Fact]
    public void More_than_three_indexed_fields_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => AbiEvent.Parse("E(uint8 indexed a, uint8 indexed b, uint8 indexed c, uint8 indexed d)"));
    }
}
