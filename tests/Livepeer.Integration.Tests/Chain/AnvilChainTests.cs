using Livepeer.Crypto;
using Livepeer.Ethereum;

namespace Livepeer.Integration.Tests.Chain;

/// <summary>The JSON-RPC client against a real anvil, deploying the real Livepeer contracts from the SDK artifacts.</summary>
public sealed class AnvilChainTests(AnvilFixture chain) : IClassFixture<AnvilFixture>
{
    private static readonly TimeSpan ReceiptTimeout = TimeSpan.FromSeconds(30);

    private JsonRpcClient Rpc => chain.Rpc;

    private EthAddress Deployer => chain.Accounts[0];

    [Fact]
    public async Task Starts_with_Arbitrum_One_chain_id_and_ten_dev_accounts()
    {
        Assert.Equal(42161, await Rpc.ChainIdAsync());
        Assert.Equal(10, chain.Accounts.Count);
    }

    [Fact]
    public async Task Latest_block_carries_Arbitrum_l1BlockNumber()
    {
        var header = await Rpc.GetBlockByNumberAsync(BlockParameter.Latest);

        Assert.NotNull(header);
        Assert.NotNull(header.Hash);
        Assert.NotNull(header.BaseFeePerGas);
        // anvil sends l1BlockNumber as a JSON number equal to the block number (shared spec §16.3).
        Assert.Equal(header.Number, header.L1BlockNumber);
        Assert.Equal(header.Number, header.ContractBlockNumber);
        Assert.Null(await Rpc.GetBlockByNumberAsync(header.Number + 1000));
    }

    [Fact]
    public async Task Mining_advances_blocks_and_a_snapshot_revert_undoes_it()
    {
        var snapshot = await Rpc.SnapshotAsync();
        var before = await Rpc.BlockNumberAsync();

        await Rpc.MineAsync(25);

        Assert.Equal(before + 25, await Rpc.BlockNumberAsync());
        var parent = await Rpc.GetBlockByNumberAsync(before + 24);
        var mined = await Rpc.GetBlockByNumberAsync(before + 25);
        Assert.Equal(parent!.Hash, mined!.ParentHash);
        Assert.True(await Rpc.RevertAsync(snapshot));
        Assert.Equal(before, await Rpc.BlockNumberAsync());
    }

    [Fact]
    public async Task Deploys_the_real_Controller_from_its_SDK_artifact()
    {
        var artifact = LivepeerArtifacts.Sdk.Get("Controller");
        var abi = ContractAbi.FromJson(artifact.AbiJson);
        Assert.Empty(abi.ConstructorInputs);

        var receipt = await DeployAsync(artifact.Bytecode);

        Assert.True(receipt.Succeeded);
        Assert.Null(receipt.To);
        Assert.NotNull(receipt.ContractAddress);
        Assert.True(receipt.GasUsed > 21_000);
        Assert.True(receipt.EffectiveGasPrice > 0);
        var code = await Rpc.GetCodeAsync(receipt.ContractAddress, BlockParameter.Latest);
        Assert.Equal(Convert.FromHexString(artifact.DeployedBytecodeHex), code);

        // The Controller starts paused, owned by its deployer (shared spec §5, §16.4).
        var paused = await Rpc.CallAsync(new(To: receipt.ContractAddress, Data: abi.GetFunction("paused").EncodeCall()), BlockParameter.Latest);
        Assert.True(abi.GetFunction("paused").DecodeOutput(paused).Get<bool>(0));
        var owner = await Rpc.CallAsync(new(To: receipt.ContractAddress, Data: abi.GetFunction("owner").EncodeCall()), BlockParameter.Latest);
        Assert.Equal(Deployer, abi.GetFunction("owner").DecodeOutput(owner).Get<EthAddress>(0));
    }

    [Fact]
    public async Task A_transaction_log_is_in_its_receipt_and_in_eth_getLogs()
    {
        var controller = (await DeployAsync(LivepeerArtifacts.Sdk.Get("Controller").Bytecode)).ContractAddress!;
        var unpause = new TransactionArgs(From: Deployer, To: controller, Data: AbiFunction.Parse("unpause()").EncodeCall());
        var nonce = await Rpc.GetTransactionCountAsync(Deployer, BlockParameter.Pending);
        var gas = await Rpc.EstimateGasAsync(unpause);

        var receipt = await Rpc.WaitForReceiptAsync(await Rpc.SendTransactionAsync(unpause), ReceiptTimeout);

        Assert.True(receipt.Succeeded);
        Assert.Equal(controller, receipt.To);
        Assert.InRange(receipt.GasUsed, 21_000, gas);
        Assert.Equal(nonce + 1, await Rpc.GetTransactionCountAsync(Deployer, BlockParameter.Latest));
        var unpaused = Hash32.FromBytes(Keccak256.Hash("Unpause()"u8));
        var log = Assert.Single(receipt.Logs);
        Assert.Equal(controller, log.Address);
        Assert.Equal(new[] { unpaused }, log.Topics);
        Assert.Empty(log.Data);
        Assert.Equal(receipt.TransactionHash, log.TransactionHash);

        var found = await Rpc.GetLogsAsync(new LogFilter(
            FromBlock: receipt.BlockNumber,
            ToBlock: BlockParameter.Latest,
            Addresses: [controller],
            Topics: [[unpaused]]));

        var same = Assert.Single(found);
        Assert.Equal((log.Address, log.BlockNumber, log.BlockHash, log.TransactionHash, log.TransactionIndex, log.LogIndex, log.Removed),
            (same.Address, same.BlockNumber, same.BlockHash, same.TransactionHash, same.TransactionIndex, same.LogIndex, same.Removed));
        Assert.Equal(log.Topics, same.Topics);
        Assert.Equal(log.Data, same.Data);
        Assert.Empty(await Rpc.GetLogsAsync(new LogFilter(FromBlock: receipt.BlockNumber, Addresses: [controller], Topics: [[Hash32.Zero]])));
    }

    [Fact]
    public async Task Fee_queries_answer()
    {
        var gasPrice = await Rpc.GasPriceAsync();
        var tip = await Rpc.MaxPriorityFeePerGasAsync();
        var header = await Rpc.GetBlockByNumberAsync(BlockParameter.Latest);

        Assert.True(gasPrice > 0);
        Assert.True(tip >= 0);
        Assert.True(header!.BaseFeePerGas > 0);
    }

    [Fact]
    public async Task Links_SortedDoublyLL_into_BondingManager_and_deploys_it()
    {
        var controller = (await DeployAsync(LivepeerArtifacts.Sdk.Get("Controller").Bytecode)).ContractAddress!;
        var library = await DeployAsync(LivepeerArtifacts.Sdk.Get("SortedDoublyLL").Bytecode);
        var unlinked = LivepeerArtifacts.Sdk.Get("BondingManager");
        Assert.False(unlinked.IsLinked);
        Assert.Contains("SortedDoublyLL", Assert.Throws<InvalidOperationException>(() => unlinked.Bytecode).Message);

        var linked = unlinked.Link("SortedDoublyLL", library.ContractAddress!);

        Assert.True(linked.IsLinked);
        Assert.DoesNotContain("__$", linked.BytecodeHex, StringComparison.Ordinal);
        Assert.DoesNotContain("__$", linked.DeployedBytecodeHex, StringComparison.Ordinal);
        // constructor(address _controller): the argument is one ABI word after the creation code.
        var receipt = await DeployAsync(ContractAbi.FromJson(linked.AbiJson).EncodeConstructor(linked.Bytecode, controller));
        Assert.True(receipt.Succeeded);
        var code = await Rpc.GetCodeAsync(receipt.ContractAddress!, BlockParameter.Latest);
        Assert.Equal(Convert.FromHexString(linked.DeployedBytecodeHex), code);
        Assert.All(linked.DeployedLinkReferences, r => Assert.Equal(library.ContractAddress!.ToArray(), code[r.Start..(r.Start + r.Length)]));

        // A real revert with a reason: the deployed target refuses to work while its Controller is paused.
        var unbond = new TransactionArgs(From: chain.Accounts[1], To: receipt.ContractAddress, Data: AbiFunction.Parse("unbond(uint256)").EncodeCall(1));
        var revert = await Assert.ThrowsAsync<JsonRpcRevertException>(() => Rpc.CallAsync(unbond, BlockParameter.Latest));
        var reason = RevertReason.Decode(revert.RevertData);
        Assert.Equal(RevertKind.Error, reason.Kind);
        Assert.Contains("paused", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reverting_call_throws_with_the_revert_data()
    {
        // Runtime code: mstore(0, 0xdeadbeef); revert(28, 4)
        var reverter = EthAddress.Parse("0x00000000000000000000000000000000000dead1");
        await Rpc.SetCodeAsync(reverter, Convert.FromHexString("63deadbeef6000526004601cfd"));
        var call = new TransactionArgs(From: Deployer, To: reverter);

        var revert = await Assert.ThrowsAsync<JsonRpcRevertException>(() => Rpc.CallAsync(call, BlockParameter.Latest));

        Assert.Equal("eth_call", revert.Method);
        Assert.Equal(3, revert.Code);
        Assert.Equal("0xdeadbeef", revert.RevertDataHex);
        Assert.Equal("0xdeadbeef", revert.ErrorData);
        Assert.Equal(new byte[] { 0xde, 0xad, 0xbe, 0xef }, revert.RevertData);
        var estimate = await Assert.ThrowsAsync<JsonRpcRevertException>(() => Rpc.EstimateGasAsync(call));
        Assert.Equal("0xdeadbeef", estimate.RevertDataHex);

        // A mined transaction that reverts has a receipt with status 0, not an exception.
        var failed = await Rpc.WaitForReceiptAsync(await Rpc.SendTransactionAsync(call with { Gas = 100_000 }), ReceiptTimeout);
        Assert.False(failed.Succeeded);
        Assert.Equal(0, failed.Status);
    }

    [Fact]
    public async Task A_JSON_RPC_error_is_typed_and_not_a_revert()
    {
        var error = await Assert.ThrowsAsync<JsonRpcException>(() => Rpc.RequestAsync("eth_noSuchMethod", []));

        Assert.IsNotType<JsonRpcRevertException>(error);
        Assert.Equal(-32601, error.Code);
        Assert.Contains("eth_noSuchMethod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_for_an_unknown_transaction_times_out_with_a_clear_message()
    {
        var unknown = Hash32.FromBytes(Keccak256.Hash("no such transaction"u8));

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => Rpc.WaitForReceiptAsync(unknown, TimeSpan.FromMilliseconds(100)));

        Assert.Contains(unknown.ToString(), timeout.Message, StringComparison.Ordinal);
        Assert.Contains("no receipt", timeout.Message, StringComparison.Ordinal);
    }

    private async Task<TransactionReceipt> DeployAsync(byte[] creationCode)
    {
        var hash = await Rpc.SendTransactionAsync(new TransactionArgs(From: Deployer, Data: creationCode));
        var receipt = await Rpc.WaitForReceiptAsync(hash, ReceiptTimeout);
        Assert.True(receipt.Succeeded, $"deployment {hash} reverted");
        Assert.NotNull(receipt.ContractAddress);
        return receipt;
    }
}
