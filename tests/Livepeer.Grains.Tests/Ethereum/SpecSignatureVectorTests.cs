using Livepeer.Ethereum;

namespace Livepeer.Grains.Tests.Ethereum;

/// <summary>
/// Every selector and topic0 listed in shared spec protocol-contracts.md Appendix A and B, which were checked
/// there with cast and against the deployed contracts.
/// </summary>
public class SpecSignatureVectorTests
{
    [Theory]
    [InlineData("getContract(bytes32)", "0xe16c7d98")]
    [InlineData("getContractInfo(bytes32)", "0x613e2de2")]
    [InlineData("paused()", "0x5c975abb")]
    [InlineData("owner()", "0x8da5cb5b")]
    [InlineData("setContractInfo(bytes32,address,bytes20)", "0xd737c2b0")]
    [InlineData("bond(uint256,address)", "0xb78d27dc")]
    [InlineData("bondWithHint(uint256,address,address,address,address,address)", "0x6bd9add4")]
    [InlineData("bondForWithHint(uint256,address,address,address,address,address,address)", "0xee4e804a")]
    [InlineData("unbond(uint256)", "0x27de9e32")]
    [InlineData("unbondWithHint(uint256,address,address)", "0x9500ed9b")]
    [InlineData("rebond(uint256)", "0xeaffb3f9")]
    [InlineData("rebondWithHint(uint256,address,address)", "0x7fc4606f")]
    [InlineData("rebondFromUnbonded(address,uint256)", "0x3a080e93")]
    [InlineData("rebondFromUnbondedWithHint(address,uint256,address,address)", "0x0584a373")]
    [InlineData("withdrawStake(uint256)", "0x25d5971f")]
    [InlineData("withdrawFees(address,uint256)", "0xad3b1b47")]
    [InlineData("reward()", "0x228cb733")]
    [InlineData("rewardWithHint(address,address)", "0x81871056")]
    [InlineData("transcoder(uint256,uint256)", "0x43d3461a")]
    [InlineData("transcoderWithHint(uint256,uint256,address,address)", "0x3550aa10")]
    [InlineData("claimEarnings(uint256)", "0x24b1babf")]
    [InlineData("transferBond(address,uint256,address,address,address,address)", "0x062e98b8")]
    [InlineData("updateTranscoderWithFees(address,uint256,uint256)", "0x3aeb512c")]
    [InlineData("getTranscoderPoolSize()", "0x2a4e0d55")]
    [InlineData("getTranscoderPoolMaxSize()", "0x5a2a75a9")]
    [InlineData("getFirstTranscoderInPool()", "0x88a6c749")]
    [InlineData("getNextTranscoderInPool(address)", "0x235c9603")]
    [InlineData("transcoderTotalStake(address)", "0x9ef9df94")]
    [InlineData("isActiveTranscoder(address)", "0x08802374")]
    [InlineData("isRegisteredTranscoder(address)", "0x68ba170c")]
    [InlineData("transcoderStatus(address)", "0x8b2f1652")]
    [InlineData("delegatorStatus(address)", "0x1544fc67")]
    [InlineData("getTranscoder(address)", "0x5dce9948")]
    [InlineData("getDelegator(address)", "0xa64ad595")]
    [InlineData("getDelegatorUnbondingLock(address,uint256)", "0x412f83b6")]
    [InlineData("isValidUnbondingLock(address,uint256)", "0x0fd02fc1")]
    [InlineData("getTranscoderEarningsPoolForRound(address,uint256)", "0x24454fc4")]
    [InlineData("pendingStake(address,uint256)", "0x9d0b2c7a")]
    [InlineData("pendingFees(address,uint256)", "0xf595f1cc")]
    [InlineData("getTotalBonded()", "0x5c50c356")]
    [InlineData("currentRoundTotalActiveStake()", "0x4196ee75")]
    [InlineData("nextRoundTotalActiveStake()", "0x465501d3")]
    [InlineData("unbondingPeriod()", "0x6cf6d675")]
    [InlineData("treasuryRewardCutRate()", "0x558f8f44")]
    [InlineData("nextRoundTreasuryRewardCutRate()", "0xa5766231")]
    [InlineData("treasuryBalanceCeiling()", "0x84a16bbc")]
    [InlineData("checkpointBondingState(address)", "0xd52bd62b")]
    [InlineData("withdrawFees()", "0x476343ee")]
    [InlineData("fundDeposit()", "0x6caa736b")]
    [InlineData("fundReserve()", "0x6f9c3c8f")]
    [InlineData("fundDepositAndReserve(uint256,uint256)", "0x511f4073")]
    [InlineData("fundDepositAndReserveFor(address,uint256,uint256)", "0x989f789c")]
    [InlineData("redeemWinningTicket((address,address,uint256,uint256,uint256,bytes32,bytes),bytes,uint256)", "0xec8b3cb6")]
    [InlineData("batchRedeemWinningTickets((address,address,uint256,uint256,uint256,bytes32,bytes)[],bytes[],uint256[])", "0xd01b808e")]
    [InlineData("unlock()", "0xa69df4b5")]
    [InlineData("cancelUnlock()", "0xc2c4c2c8")]
    [InlineData("withdraw()", "0x3ccfd60b")]
    [InlineData("isUnlockInProgress(address)", "0x121cdcc2")]
    [InlineData("getSenderInfo(address)", "0xe1a589da")]
    [InlineData("getReserveInfo(address)", "0x5b6333eb")]
    [InlineData("claimableReserve(address,address)", "0x81779f38")]
    [InlineData("claimedReserve(address,address)", "0x4ac826da")]
    [InlineData("getTicketHash((address,address,uint256,uint256,uint256,bytes32,bytes))", "0xb03fa864")]
    [InlineData("usedTickets(bytes32)", "0x59a515ba")]
    [InlineData("unlockPeriod()", "0x20d3a0b4")]
    [InlineData("ticketValidityPeriod()", "0x856a2cf8")]
    [InlineData("initializeRound()", "0xd4807fb2")]
    [InlineData("currentRound()", "0x8a19c8bc")]
    [InlineData("currentRoundInitialized()", "0x219bc76c")]
    [InlineData("currentRoundStartBlock()", "0x8fa148f2")]
    [InlineData("currentRoundLocked()", "0x6841f253")]
    [InlineData("lastInitializedRound()", "0x8807f36e")]
    [InlineData("roundLength()", "0x8b649b94")]
    [InlineData("roundLockAmount()", "0xf5b490d5")]
    [InlineData("blockNum()", "0x8ae63d6d")]
    [InlineData("blockHash(uint256)", "0x85df51fd")]
    [InlineData("blockHashForRound(uint256)", "0x3aa4add4")]
    [InlineData("lipUpgradeRound(uint256)", "0x1e6d4c22")]
    [InlineData("lastRoundLengthUpdateRound()", "0x0fe1dfa8")]
    [InlineData("lastRoundLengthUpdateStartBlock()", "0x668abff7")]
    [InlineData("inflation()", "0xbe0522e0")]
    [InlineData("inflationChange()", "0xa7c83514")]
    [InlineData("targetBondingRate()", "0x821b771f")]
    [InlineData("currentMintableTokens()", "0x9ae6309a")]
    [InlineData("currentMintedTokens()", "0x2de22cdb")]
    [InlineData("getGlobalTotalSupply()", "0x5507442d")]
    [InlineData("setServiceURI(string)", "0x5f11301b")]
    [InlineData("getServiceURI(address)", "0x214c2a4b")]
    [InlineData("balanceOf(address)", "0x70a08231")]
    [InlineData("allowance(address,address)", "0xdd62ed3e")]
    [InlineData("approve(address,uint256)", "0x095ea7b3")]
    [InlineData("transfer(address,uint256)", "0xa9059cbb")]
    [InlineData("transferFrom(address,address,uint256)", "0x23b872dd")]
    [InlineData("totalSupply()", "0x18160ddd")]
    [InlineData("decimals()", "0x313ce567")]
    [InlineData("latestRoundData()", "0xfeaf968c")]
    [InlineData("description()", "0x7284e416")]
    [InlineData("castVote(uint256,uint8)", "0x56781388")]
    [InlineData("castVoteWithReason(uint256,uint8,string)", "0x7b3c71d3")]
    [InlineData("vote(uint256)", "0x0121b93f")]
    [InlineData("arbBlockNumber()", "0xa3b1b31d")]
    [InlineData("Error(string)", "0x08c379a0")]
    [InlineData("Panic(uint256)", "0x4e487b71")]
    public void Function_selector_matches_the_spec(string signature, string selector)
    {
        var function = AbiFunction.Parse(signature);
        Assert.Equal(signature, function.Signature);
        Assert.Equal(selector, function.SelectorHex);
        Assert.Equal(Convert.FromHexString(selector[2..]), function.Selector.ToArray());
    }

    [Theory]
    [InlineData("ParameterUpdate(string)", "0x9f5033568d78ae30f29f01e944f97b2216493bd19d1b46d429673acff3dcd674")]
    [InlineData("SetController(address)", "0x4ff638452bbf33c012645d18ae6f05515ff5f2d1dfb0cece8cbf018c60903f70")]
    [InlineData("Bond(address,address,address,uint256,uint256)", "0xe5917769f276ddca9f2ee7c6b0b33e1d1e1b61008010ce622c632dd20d168a23")]
    [InlineData("Unbond(address,address,uint256,uint256,uint256)", "0x2d5d98d189bee5496a08db2a5948cb7e5e786f09d17d0c3f228eb41776c24a06")]
    [InlineData("Rebond(address,address,uint256,uint256)", "0x9f5b64cc71e1e26ff178caaa7877a04d8ce66fde989251870e80e6fbee690c17")]
    [InlineData("WithdrawStake(address,uint256,uint256,uint256)", "0x1340f1a8f3d456a649e1a12071dfa15655e3d09252131d0f980c3b405cc8dd2e")]
    [InlineData("WithdrawFees(address,address,uint256)", "0x4f1b51dd7a2fcb861aa2670f668be66835c4ee12b4bbbf037e4d0018f39819e4")]
    [InlineData("Reward(address,uint256)", "0x619caafabdd75649b302ba8419e48cccf64f37f1983ac4727cfb38b57703ffc9")]
    [InlineData("TreasuryReward(address,address,uint256)", "0x40e200718fe552021167687e5491d09f5931275b6f88f14a462650f0effb5237")]
    [InlineData("TranscoderUpdate(address,uint256,uint256)", "0x7346854431dbb3eb8e373c604abf89e90f4865b8447e1e2834d7b3e4677bf544")]
    [InlineData("TranscoderActivated(address,uint256)", "0x65d72d782835d64c3287844a829608d5abdc7e864cc9affe96d910ab3db665e9")]
    [InlineData("TranscoderDeactivated(address,uint256)", "0xfee3e693fc72d0a0a673805f3e606c551f4c677b9072444b90dd2d0406bc995c")]
    [InlineData("TranscoderSlashed(address,address,uint256,uint256)", "0xf4b71fed8e2c9a8c67c388bc6d35ad20b9368a24eed6d565459f2b277b6c0c22")]
    [InlineData("EarningsClaimed(address,address,uint256,uint256,uint256,uint256)", "0xd7eab0765b772ea6ea859d5633baf737502198012e930f257f90013d9b211094")]
    [InlineData("TransferBond(address,address,uint256,uint256,uint256)", "0xf136b986590e86cf1abd7b6600186a7a1178ad3cbbdf0f3312e79f6214a2a567")]
    [InlineData("DepositFunded(address,uint256)", "0x5159e237d952190e68d5215430f305831be7c9c8776d1377c76679ae4773413f")]
    [InlineData("ReserveFunded(address,uint256)", "0xb52b99b9e83551fcbd069b559cc3e823e2a1a3bad8ece46561ea77524394c850")]
    [InlineData("ReserveClaimed(address,address,uint256)", "0x5c2b394723f408a40a60335e24b71829642e35f350cebe2036a96a66e895ea98")]
    [InlineData("WinningTicketRedeemed(address,address,uint256,uint256,uint256,uint256,bytes)", "0xc389eb51ed006dbf2528507f010efdf5225ea596e1e1741d74f550dab1925ee7")]
    [InlineData("WinningTicketTransfer(address,address,uint256)", "0x8b87351a208c06e3ceee59d80725fd77a23b4129e1b51ca231fc89b40712649c")]
    [InlineData("Unlock(address,uint256,uint256)", "0xf7870c5b224cbc19873599e46ccfc7103934650509b1af0c3ce90138377c2004")]
    [InlineData("UnlockCancelled(address)", "0xfa044b7b93a40365dc68049797c2eb06918523d694e5d56e406cac3eb35578e5")]
    [InlineData("Withdrawal(address,uint256,uint256)", "0xdf273cb619d95419a9cd0ec88123a0538c85064229baa6363788f743fff90deb")]
    [InlineData("NewRound(uint256,bytes32)", "0x22f2fc17c5daf07db2379b3a03a8ef20a183f761097a58fce219c8a14619e786")]
    [InlineData("SetCurrentRewardTokens(uint256,uint256)", "0x39567a366345edf17f50c1967a31b597745186c4632f34c4f8ebe06b6890784d")]
    [InlineData("ServiceURIUpdate(address,string)", "0xfbb63068732c85741c9f8e61caffaabe038d577bfafd2d2dcc0e352a4f653a4c")]
    [InlineData("Pause()", "0x6985a02210a168e66602d3235cb6db0e70f92b3ba4d376a33c0f3d9434bff625")]
    [InlineData("Unpause()", "0x7805862f689e2f13df9f062ff482ad3ad112aca9e0847911ed832e158c525b33")]
    [InlineData("SetContractInfo(bytes32,address,bytes20)", "0xf9a6cf519167d81bc5cb3d26c60c0c9a19704aa908c148e82a861b570f4cd2d7")]
    [InlineData("Transfer(address,address,uint256)", "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef")]
    [InlineData("Approval(address,address,uint256)", "0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925")]
    [InlineData("Mint(address,uint256)", "0x0f6798a560793a54c3bcfe86a93cde1e73087d944c0ea20544137d4121396885")]
    [InlineData("Burn(address,uint256)", "0xcc16f5dbb4873280815c1ee09dbd06736cffcc184412cf7a71a0fdb75d397ca5")]
    public void Event_topic0_matches_the_spec(string signature, string topic0)
    {
        var abiEvent = AbiEvent.Parse(signature);
        Assert.Equal(signature, abiEvent.Signature);
        Assert.Equal(topic0, abiEvent.Topic0.ToString());
    }

    [Fact]
    public void Names_and_indexed_markers_do_not_change_the_signature()
    {
        var plain = AbiEvent.Parse("WinningTicketRedeemed(address,address,uint256,uint256,uint256,uint256,bytes)");
        var annotated = AbiEvent.Parse(
            "WinningTicketRedeemed(address indexed sender, address indexed recipient, uint256 faceValue, uint256 winProb,"
            + " uint256 senderNonce, uint256 recipientRand, bytes auxData)");
        Assert.Equal(plain.Topic0, annotated.Topic0);
        Assert.Equal(["sender", "recipient"], annotated.Parameters.Where(p => p.Indexed).Select(p => p.Name));

        var named = AbiFunction.Parse("redeemWinningTicket((address recipient, address sender, uint256 faceValue, uint256 winProb,"
            + " uint256 senderNonce, bytes32 recipientRandHash, bytes auxData) ticket, bytes sig, uint256 recipientRand)");
        Assert.Equal("0xec8b3cb6", named.SelectorHex);
        Assert.Equal(["ticket", "sig", "recipientRand"], named.Inputs.Select(p => p.Name));
    }

    [Fact]
    public void Uint_and_int_aliases_are_canonicalised()
    {
        Assert.Equal("0x5c975abb", AbiFunction.Parse("paused()").SelectorHex);
        Assert.Equal("fundDepositAndReserve(uint256,uint256)", AbiFunction.Parse("fundDepositAndReserve(uint, uint)").Signature);
        Assert.Equal("f(int256[])", AbiFunction.Parse("f(int[])").Signature);
    }
}
