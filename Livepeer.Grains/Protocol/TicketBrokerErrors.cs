namespace Livepeer.Protocol;

/// <summary>
/// The revert reasons of the deployed TicketBroker and of the contracts it calls, verbatim (see shared spec:
/// protocol-contracts.md §2, §6, §7.3, §8). The embedded ledger returns these so a caller cannot tell it from the
/// chain by its errors.
/// </summary>
public static class TicketBrokerErrors
{
    // Manager modifiers (protocol-contracts.md §2).
    public const string SystemPaused = "system is paused";
    public const string CurrentRoundNotInitialized = "current round is not initialized";

    // RoundsManager.initializeRound (§6).
    public const string RoundAlreadyInitialized = "round already initialized";

    // redeemWinningTicket, in the order the contract checks them (§8.2).
    public const string RecipientIsNull = "ticket recipient is null address";
    public const string SenderIsNull = "ticket sender is null address";
    public const string InvalidAuxDataLength = "invalid length for ticket auxData: must be 64 bytes";
    public const string CreationRoundHasNoBlockHash = "ticket creationRound does not have a block hash";
    public const string CreationRoundBlockHashInvalid = "ticket creationRoundBlockHash invalid for creationRound";
    public const string TicketExpired = "ticket is expired";
    public const string RecipientRandMismatch = "recipientRand does not match recipientRandHash";
    public const string TicketUsed = "ticket is used";
    public const string InvalidSignatureLength = "INVALID_SIGNATURE_LENGTH";
    public const string InvalidTicketSignature = "invalid signature over ticket hash";
    public const string TicketDidNotWin = "ticket did not win";
    public const string SenderUnlocked = "sender is unlocked";
    public const string SenderDepositAndReserveZero = "sender deposit and reserve are zero";

    // OpenZeppelin 4.4.1 ECDSA.recover, which the deployed TicketBrokerTarget links (§8.1).
    public const string EcdsaInvalidSignature = "ECDSA: invalid signature";
    public const string EcdsaInvalidS = "ECDSA: invalid signature 's' value";
    public const string EcdsaInvalidV = "ECDSA: invalid signature 'v' value";

    // BondingManager.updateTranscoderWithFees, reached from a redemption that pays something (§7.3).
    public const string TranscoderNotRegistered = "transcoder must be registered";

    // Funding, unlock and withdraw (§8.4, §8.5).
    public const string MsgValueMismatch = "msg.value does not equal sum of deposit amount and reserve amount";
    public const string UnlockAlreadyInitiated = "unlock already initiated";
    public const string NoUnlockInProgress = "no unlock request in progress";
    public const string AccountLocked = "account is locked";

    // Solidity 0.8 Panic(uint256) reverts carry a code, not a string (§4); these name the code.
    public const string PanicArithmetic = "Panic(0x11): arithmetic overflow or underflow";
    public const string PanicArrayOutOfBounds = "Panic(0x32): array index out of bounds";
}
