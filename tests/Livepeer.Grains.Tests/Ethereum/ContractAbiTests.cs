using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Ethereum;
using static Livepeer.Grains.Tests.Ethereum.AbiTestHex;

namespace Livepeer.Grains.Tests.Ethereum;

public class ContractAbiTests
{
    private const string TicketComponents = """
        [
          { "internalType": "address", "name": "recipient", "type": "address" },
          { "internalType": "address", "name": "sender", "type": "address" },
          { "internalType": "uint256", "name": "faceValue", "type": "uint256" },
          { "internalType": "uint256", "name": "winProb", "type": "uint256" },
          { "internalType": "uint256", "name": "senderNonce", "type": "uint256" },
          { "internalType": "bytes32", "name": "recipientRandHash", "type": "bytes32" },
          { "internalType": "bytes", "name": "auxData", "type": "bytes" }
        ]
        """;

    // A hand-written excerpt in the shape of a Hardhat artifact for TicketBroker, plus an overload and the entry
    // kinds the loader skips.
    private static readonly string Artifact = $$"""
        {
          "_format": "hh-sol-artifact-1",
          "contractName": "TicketBroker",
          "abi": [
            { "inputs": [{ "internalType": "address", "name": "_controller", "type": "address" }], "stateMutability": "nonpayable", "type": "constructor" },
            { "stateMutability": "payable", "type": "receive" },
            { "inputs": [], "name": "Unauthorized", "type": "error" },
            {
              "anonymous": false,
              "inputs": [
                { "indexed": true, "internalType": "address", "name": "sender", "type": "address" },
                { "indexed": true, "internalType": "address", "name": "recipient", "type": "address" },
                { "indexed": false, "internalType": "uint256", "name": "faceValue", "type": "uint256" },
                { "indexed": false, "internalType": "uint256", "name": "winProb", "type": "uint256" },
                { "indexed": false, "internalType": "uint256", "name": "senderNonce", "type": "uint256" },
                { "indexed": false, "internalType": "uint256", "name": "recipientRand", "type": "uint256" },
                { "indexed": false, "internalType": "bytes", "name": "auxData", "type": "bytes" }
              ],
              "name": "WinningTicketRedeemed",
              "type": "event"
            },
            {
              "anonymous": false,
              "inputs": [
                { "indexed": true, "internalType": "address", "name": "sender", "type": "address" },
                { "indexed": false, "internalType": "uint256", "name": "amount", "type": "uint256" }
              ],
              "name": "DepositFunded",
              "type": "event"
            },
            {
              "inputs": [
                { "components": {{TicketComponents}}, "internalType": "struct MTicketBrokerCore.Ticket", "name": "_ticket", "type": "tuple" },
                { "internalType": "bytes", "name": "_sig", "type": "bytes" },
                { "internalType": "uint256", "name": "_recipientRand", "type": "uint256" }
              ],
              "name": "redeemWinningTicket",
              "outputs": [],
              "stateMutability": "nonpayable",
              "type": "function"
            },
            {
              "inputs": [
                { "components": {{TicketComponents}}, "internalType": "struct MTicketBrokerCore.Ticket[]", "name": "_tickets", "type": "tuple[]" },
                { "internalType": "bytes[]", "name": "_sigs", "type": "bytes[]" },
                { "internalType": "uint256[]", "name": "_recipientRands", "type": "uint256[]" }
              ],
              "name": "batchRedeemWinningTickets",
              "outputs": [],
              "stateMutability": "nonpayable",
              "type": "function"
            },
            {
              "inputs": [{ "internalType": "address", "name": "_sender", "type": "address" }],
              "name": "getSenderInfo",
              "outputs": [
                {
                  "components": [
                    { "internalType": "uint256", "name": "deposit", "type": "uint256" },
                    { "internalType": "uint256", "name": "withdrawRound", "type": "uint256" }
                  ],
                  "internalType": "struct MixinTicketBrokerCore.Sender", "name": "sender", "type": "tuple"
                },
                {
                  "components": [
                    { "internalType": "uint256", "name": "fundsRemaining", "type": "uint256" },
                    { "internalType": "uint256", "name": "claimedInCurrentRound", "type": "uint256" }
                  ],
                  "internalType": "struct MReserve.ReserveInfo", "name": "reserve", "type": "tuple"
                }
              ],
              "stateMutability": "view",
              "type": "function"
            },
            { "inputs": [], "name": "fundDeposit", "outputs": [], "stateMutability": "payable", "type": "function" },
            { "inputs": [], "name": "withdrawFees", "outputs": [], "stateMutability": "nonpayable", "type": "function" },
            {
              "inputs": [
                { "internalType": "address payable", "name": "_recipient", "type": "address" },
                { "internalType": "uint256", "name": "_amount", "type": "uint256" }
              ],
              "name": "withdrawFees", "outputs": [], "stateMutability": "nonpayable", "type": "function"
            },
            { "constant": true, "inputs": [], "name": "oldStyleView", "outputs": [{ "name": "", "type": "uint256" }], "payable": false, "type": "function" },
            { "inputs": [{ "name": "grid", "type": "tuple[2][]", "components": [{ "name": "x", "type": "int8" }] }], "name": "grid", "outputs": [], "type": "function" }
          ],
          "bytecode": "0x6080"
        }
        """;

    private static readonly ContractAbi Broker = ContractAbi.FromJson(Artifact);

    [Fact]
    public void Functions_from_json_have_the_spec_selectors()
    {
        Assert.Equal("0xec8b3cb6", Broker.GetFunction("redeemWinningTicket").SelectorHex);
        Assert.Equal("0xd01b808e", Broker.GetFunction("batchRedeemWinningTickets").SelectorHex);
        Assert.Equal("0xe1a589da", Broker.GetFunction("getSenderInfo").SelectorHex);
        Assert.Equal("0x6caa736b", Broker.GetFunction("fundDeposit").SelectorHex);
        Assert.Equal(
            "batchRedeemWinningTickets((address,address,uint256,uint256,uint256,bytes32,bytes)[],bytes[],uint256[])",
            Broker.GetFunction("batchRedeemWinningTickets").Signature);
        Assert.Equal("grid((int8)[2][])", Broker.GetFunction("grid").Signature);
        Assert.Equal(8, Broker.Functions.Count);
    }

    [Fact]
    public void State_mutability_is_read_in_both_json_styles()
    {
        Assert.Equal(StateMutability.View, Broker.GetFunction("getSenderInfo").StateMutability);
        Assert.Equal(StateMutability.Payable, Broker.GetFunction("fundDeposit").StateMutability);
        Assert.Equal(StateMutability.NonPayable, Broker.GetFunction("redeemWinningTicket").StateMutability);
        Assert.Equal(StateMutability.View, Broker.GetFunction("oldStyleView").StateMutability);
    }

    [Fact]
    public void Tuple_component_names_name_decoded_values_and_errors()
    {
        var getSenderInfo = Broker.GetFunction("getSenderInfo");
        var result = getSenderInfo.DecodeOutput([.. Uint(10), .. Uint(0), .. Uint(20), .. Uint(3)]);
        Assert.Equal([new BigInteger(20), new BigInteger(3)], result.Get<object?[]>("reserve"));
        Assert.Equal(["fundsRemaining", "claimedInCurrentRound"], ((AbiTupleType)getSenderInfo.Outputs[1].Type).ComponentNames);

        object?[] ticket = [EthAddress.Zero, EthAddress.Zero, 1, 1, 1, new byte[31], Array.Empty<byte>()];
        var error = Assert.Throws<AbiEncodingException>(() => Broker.GetFunction("redeemWinningTicket").EncodeCall(ticket, Array.Empty<byte>(), 1));
        Assert.Equal("_ticket.recipientRandHash", error.Path);
    }

    [Fact]
    public void Events_are_found_by_name_and_by_topic0()
    {
        var redeemed = Broker.GetEvent("WinningTicketRedeemed");
        Assert.Equal("0xc389eb51ed006dbf2528507f010efdf5225ea596e1e1741d74f550dab1925ee7", redeemed.Topic0.ToString());
        Assert.Equal([true, true, false, false, false, false, false], redeemed.Parameters.Select(p => p.Indexed));

        var depositFunded = Hash32.Parse("0x5159e237d952190e68d5215430f305831be7c9c8776d1377c76679ae4773413f");
        Assert.True(Broker.TryGetEvent(depositFunded, out var found));
        Assert.Equal("DepositFunded", found.Name);
        Assert.False(Broker.TryGetEvent(Hash32.Zero, out _));
        Assert.Same(found, Broker.GetEvent("DepositFunded(address indexed sender, uint256 amount)"));
    }

    [Fact]
    public void Overloads_are_chosen_by_signature()
    {
        var error = Assert.Throws<ArgumentException>(() => Broker.GetFunction("withdrawFees"));
        Assert.Contains("withdrawFees(), withdrawFees(address,uint256)", error.Message);
        Assert.Equal("0xad3b1b47", Broker.GetFunction("withdrawFees(address,uint256)").SelectorHex);
        Assert.Equal("0x476343ee", Broker.GetFunction("withdrawFees()").SelectorHex);
        Assert.Equal("0xad3b1b47", Broker.GetFunction("withdrawFees(address _recipient, uint _amount)").SelectorHex);
    }

    [Fact]
    public void Missing_functions_and_events_are_reported()
    {
        Assert.Contains("no function named 'reward'", Assert.Throws<KeyNotFoundException>(() => Broker.GetFunction("reward")).Message);
        Assert.Throws<KeyNotFoundException>(() => Broker.GetFunction("withdrawFees(uint256)"));
        Assert.Throws<KeyNotFoundException>(() => Broker.GetEvent("Unlock"));
    }

    [Fact]
    public void Constructor_arguments_are_appended_to_the_bytecode()
    {
        var controller = Address("0xd8e8328501e9645d16cf49539efc04f734606ee4");
        byte[] bytecode = [0x60, 0x80, 0x60, 0x40, 0x52];
        var deployment = Broker.EncodeConstructor(bytecode, controller);

        Assert.Equal([.. bytecode, .. Padded(controller)], deployment);
        Assert.Single(Broker.ConstructorInputs);
        Assert.Throws<AbiEncodingException>(() => Broker.EncodeConstructor(bytecode));
        Assert.Equal(bytecode, ContractAbi.FromJson("[]").EncodeConstructor(bytecode));
    }

    [Fact]
    public void A_bare_abi_array_loads_too()
    {
        var abi = ContractAbi.FromJson("""[{ "type": "function", "name": "currentRound", "inputs": [], "outputs": [{ "name": "", "type": "uint256" }], "stateMutability": "view" }]""");
        Assert.Equal("0x8a19c8bc", abi.GetFunction("currentRound").SelectorHex);
        Assert.Empty(abi.Events);
        Assert.Empty(abi.ConstructorInputs);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("42")]
    [InlineData("""[{ "type": "function", "inputs": [] }]""")]
    [InlineData("""[{ "type": "function", "name": "f", "inputs": [{ "name": "x" }] }]""")]
    [InlineData("""[{ "type": "function", "name": "f", "inputs": [{ "name": "x", "type": "uint7" }] }]""")]
    [InlineData("""[{ "type": "function", "name": "f", "inputs": [{ "name": "x", "type": "uint256", "indexed": true }] }]""")]
    [InlineData("""[{ "type": "function", "name": "f", "stateMutability": "sometimes" }]""")]
    [InlineData("""[{ "type": "function", "name": "f" }, { "type": "function", "name": "f" }]""")]
    [InlineData("""[{ "type": "constructor" }, { "type": "constructor" }]""")]
    [InlineData("""[{ "type": "modifier", "name": "m" }]""")]
    [InlineData("""[{ "type": "function", "name": "f", "inputs": [{ "name": "t", "type": "tuple[", "components": [] }] }]""")]
    [InlineData("[1]")]
    public void Invalid_json_abis_are_rejected_with_a_format_exception(string json)
    {
        var error = Assert.Throws<FormatException>(() => ContractAbi.FromJson(json));
        Assert.Contains("ABI", error.Message);
    }
}
