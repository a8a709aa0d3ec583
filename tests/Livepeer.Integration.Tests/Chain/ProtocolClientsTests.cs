using System.Numerics;
using Livepeer.Crypto;
using Livepeer.Ethereum;
using Livepeer.Protocol.Ethereum;

namespace Livepeer.Integration.Tests.Chain;

/// <summary>The production contract clients against the protocol deployed on anvil.</summary>
public sealed class ProtocolClientsTests(LivepeerProtocolFixture fixture) : IClassFixture<LivepeerProtocolFixture>
{
    public static TheoryData<string, string> EmbeddedFunctions()
    {
        var data = new TheoryData<string, string>();
        void Add(string contract, IEnumerable<AbiFunction> functions)
        {
            foreach (var function in functions)
            {
                data.Add(contract, function.Signature);
            }
        }

        Add("Controller", ControllerClient.Functions);
        Add("LivepeerToken", LivepeerTokenClient.Functions);
        Add("RoundsManager", RoundsManagerClient.Functions);
        Add("BondingManager", BondingManagerClient.Functions);
        Add("TicketBroker", TicketBrokerClient.Functions);
        Add("ServiceRegistry", ServiceRegistryClient.Functions);
        return data;
    }

    [Theory]
    [MemberData(nameof(EmbeddedFunctions))]
    public void Each_embedded_signature_matches_the_artifact_ABI(string contract, string signature)
    {
        var embedded = new[]
            {
                ControllerClient.Functions, LivepeerTokenClient.Functions, RoundsManagerClient.Functions,
                BondingManagerClient.Functions, TicketBrokerClient.Functions, ServiceRegistryClient.Functions,
            }
            .SelectMany(f => f)
            .First(f => f.Signature == signature);
        var artifact = ContractAbi.FromJson(LivepeerArtifacts.Sdk.Get(contract).AbiJson).GetFunction(signature);

        Assert.Equal(artifact.SelectorHex, embedded.SelectorHex);
        Assert.Equal(artifact.Outputs.Select(o => o.Type), embedded.Outputs.Select(o => o.Type));
        Assert.True(artifact.StateMutability is not (StateMutability.View or StateMutability.Pure) || embedded.Outputs.Count > 0, "a view needs its outputs");
    }

    [Fact]
    public async Task The_Controller_client_resolves_names_and_refuses_an_unknown_one()
    {
        var controller = fixture.Controller();

        Assert.Equal(fixture.Protocol.TicketBroker, await controller.GetContractAsync("TicketBroker"));
        Assert.Equal(fixture.Protocol.BondingManager, await controller.GetContractAsync("BondingManager"));
        Assert.Equal(fixture.Protocol.RoundsManager, await controller.GetContractAsync("RoundsManager"));
        Assert.Equal(fixture.Protocol.LivepeerToken, await controller.GetContractAsync("LivepeerToken"));
        Assert.False(await controller.PausedAsync());
        var missing = await Assert.ThrowsAsync<ContractNotRegisteredException>(() => controller.GetContractAsync("NoSuchContract"));
        Assert.Contains("NoSuchContract", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_transaction_pays_and_its_receipt_comes_back()
    {
        var spender = EthKey.Generate().Address;
        var token = fixture.LivepeerToken(fixture.Broadcaster);

        var receipt = await token.ApproveAsync(spender, 12345);

        Assert.True(receipt.Succeeded);
        Assert.Equal(fixture.Broadcaster.Address, receipt.From);
        Assert.Single(receipt.Logs); // Approval
        Assert.Equal(fixture.Protocol.Parameters.LptPerAccount, await token.BalanceOfAsync(fixture.Broadcaster.Address));
    }

    [Fact]
    public async Task A_revert_at_estimation_carries_the_contract_reason_and_sends_nothing()
    {
        var key = EthKey.Generate();
        await fixture.Rpc.SetBalanceAsync(key.Address, BigInteger.Pow(10, 18));
        var broker = fixture.TicketBroker(key);

        var revert = await Assert.ThrowsAsync<ContractRevertException>(() => broker.WithdrawAsync());

        Assert.Equal("sender deposit and reserve are zero", revert.Reason);
        Assert.Null(revert.Receipt);
        Assert.Equal("withdraw()", revert.Function);
        Assert.Equal(0, await fixture.Rpc.GetTransactionCountAsync(key.Address, BlockParameter.Pending));
    }

    [Fact]
    public async Task Above_the_gas_price_cap_nothing_is_sent()
    {
        var nonce = await fixture.Rpc.GetTransactionCountAsync(fixture.Broadcaster.Address, BlockParameter.Pending);
        var token = new LivepeerTokenClient(fixture.Protocol.LivepeerToken, fixture.Caller, fixture.SenderFor(fixture.Broadcaster, maxGasPrice: 1));

        var refused = await Assert.ThrowsAsync<GasPriceTooHighException>(() => token.ApproveAsync(fixture.Broadcaster.Address, 1));

        Assert.Equal(1, refused.MaxGasPrice);
        Assert.True(refused.GasPrice > 1);
        Assert.Equal(nonce, await fixture.Rpc.GetTransactionCountAsync(fixture.Broadcaster.Address, BlockParameter.Pending));
    }

    [Fact]
    public async Task Concurrent_sends_from_one_key_get_consecutive_nonces()
    {
        var token = fixture.LivepeerToken(fixture.Orchestrator);
        var before = await fixture.Rpc.GetTransactionCountAsync(fixture.Orchestrator.Address, BlockParameter.Pending);

        var receipts = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => token.ApproveAsync(EthKey.Generate().Address, i)));

        Assert.All(receipts, r => Assert.True(r.Succeeded));
        Assert.Equal(before + 4, await fixture.Rpc.GetTransactionCountAsync(fixture.Orchestrator.Address, BlockParameter.Latest));
    }

    [Fact]
    public async Task Rounds_and_sender_info_read_through_the_clients()
    {
        var rounds = fixture.RoundsManager();

        Assert.Equal(fixture.Protocol.Parameters.RoundLength, await rounds.RoundLengthAsync());
        var round = await rounds.CurrentRoundAsync();
        var start = await rounds.CurrentRoundStartBlockAsync();
        var head = await fixture.Rpc.BlockNumberAsync();
        Assert.InRange(head, start - 1, start + fixture.Protocol.Parameters.RoundLength - 1);
        Assert.True(round > 0);
        Assert.Equal(Hash32.Zero, await rounds.BlockHashForRoundAsync(round + 100));
        var info = await fixture.TicketBroker().GetSenderInfoAsync(EthKey.Generate().Address);
        Assert.Equal((BigInteger.Zero, BigInteger.Zero, 0L), (info.Deposit, info.Reserve, info.WithdrawRound));
    }

    [Fact]
    public async Task A_transaction_still_pending_at_the_receipt_timeout_is_replaced_once_with_bumped_fees_and_the_replacement_is_mined()
    {
        var key = EthKey.Generate();
        await fixture.Rpc.SetBalanceAsync(key.Address, BigInteger.Pow(10, 18));
        var sender = new TransactionSender(fixture.Rpc, key,
            new TransactionSenderOptions { ChainId = AnvilFixture.ChainId, ReceiptTimeout = TimeSpan.FromSeconds(1) }, fixture.Nonces);
        var token = new LivepeerTokenClient(fixture.Protocol.LivepeerToken, fixture.Caller, sender);

        await fixture.Rpc.RequestAsync("evm_setAutomine", [false]);
        try
        {
            var send = token.ApproveAsync(EthKey.Generate().Address, 7);
            var first = await PendingFeeCapAsync(key.Address, _ => true, "the first transaction to reach the pool");
            var replaced = await PendingFeeCapAsync(key.Address, fee => fee != first.FeeCap, "the replacement after the 1 s receipt timeout");
            await fixture.Rpc.MineAsync();

            var receipt = await send.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(receipt.Succeeded);
            Assert.Equal(replaced.Hash, receipt.TransactionHash.ToString(), ignoreCase: true);
            Assert.True(replaced.FeeCap * 100 >= first.FeeCap * 110, $"fee cap {first.FeeCap} was bumped to {replaced.FeeCap}, under 10 %");
            Assert.Equal(1, await fixture.Rpc.GetTransactionCountAsync(key.Address, BlockParameter.Latest));
        }
        finally
        {
            await fixture.Rpc.RequestAsync("evm_setAutomine", [true]);
        }
    }

    /// <summary>The account's pending transaction in anvil's pool once its fee cap satisfies <paramref name="wanted"/>.</summary>
    private async Task<(string Hash, BigInteger FeeCap)> PendingFeeCapAsync(EthAddress account, Func<BigInteger, bool> wanted, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var pool = await fixture.Rpc.RequestAsync("txpool_content", []);
            foreach (var byAccount in pool.GetProperty("pending").EnumerateObject())
            {
                if (!byAccount.Name.Equals(account.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                foreach (var transaction in byAccount.Value.EnumerateObject())
                {
                    var fee = JsonRpcHex.ToBigInteger(transaction.Value.GetProperty("maxFeePerGas").GetString()!);
                    if (wanted(fee))
                    {
                        return (transaction.Value.GetProperty("hash").GetString()!, fee);
                    }
                }
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no pending transaction from {account} in anvil's pool: waited for {what}");
    }
}
