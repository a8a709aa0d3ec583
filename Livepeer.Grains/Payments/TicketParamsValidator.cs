namespace Livepeer.Payments;

/// <summary>
/// B's acceptance rules for O's ticket params (go-livepeer <c>sender.validateTicketParams</c>;
/// see shared spec: payments.md §9.2), as a pure function of its inputs.
/// </summary>
public static class TicketParamsValidator
{
    /// <summary>B refuses params expiring within this many blocks (<c>paramsExpiryBuffer</c>).</summary>
    public const int ParamsExpiryBuffer = 1;

    /// <summary>Checks params for a batch of <paramref name="ticketCount"/> tickets; null when acceptable.</summary>
    /// <param name="senderInfo">B's own on-chain state.</param>
    public static PaymentError? Validate(
        TicketParams ticketParams,
        int ticketCount,
        long lastSeenL1Block,
        long lastInitializedRound,
        SenderInfo senderInfo,
        SenderLimits limits)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ticketCount);

        // A zero expiration block used to skip every cap below (fixed upstream in a6c4b1ef).
        if (ticketParams.ExpirationBlock == 0)
        {
            return new PaymentError(PaymentErrorCode.MissingExpirationBlock, "invalid ticket params: expiration block is zero");
        }

        if (ticketParams.ExpirationBlock - lastSeenL1Block <= ParamsExpiryBuffer)
        {
            return PaymentError.TicketParamsExpired;
        }

        var ev = ticketParams.EV;
        if (ev.Sign <= 0)
        {
            // Free work: nothing will be paid, so nothing else matters.
            return null;
        }

        // EV equals face value only when winProb is certain, which B refuses.
        if (ev >= ticketParams.FaceValue)
        {
            return new PaymentError(PaymentErrorCode.FaceValueTooLow, $"ticket faceValue too low faceValue={ticketParams.FaceValue}");
        }

        if (ev > limits.MaxEV)
        {
            return new PaymentError(PaymentErrorCode.TicketEVTooHigh, $"ticket EV {ev.ToDecimalString(5)} > max ticket EV {limits.MaxEV.ToDecimalString(5)}");
        }

        var senderError = ValidateSender(senderInfo, lastInitializedRound);
        if (senderError is not null)
        {
            return senderError;
        }

        var totalEV = ev * ticketCount;
        if (totalEV > limits.MaxTotalEV)
        {
            return new PaymentError(
                PaymentErrorCode.TotalTicketEVTooHigh,
                $"total ticket EV {totalEV.ToDecimalString(5)} for {ticketCount} tickets > max total ticket EV {limits.MaxTotalEV.ToDecimalString(5)}");
        }

        var maxFaceValue = senderInfo.Deposit / limits.DepositMultiplier;
        if (ticketParams.FaceValue > maxFaceValue)
        {
            return new PaymentError(PaymentErrorCode.FaceValueTooHigh, $"ticket faceValue {ticketParams.FaceValue} > max faceValue {maxFaceValue}");
        }

        return null;
    }

    private static PaymentError? ValidateSender(SenderInfo info, long lastInitializedRound)
    {
        if (info.IsUnlockingSoon(lastInitializedRound))
        {
            return new PaymentError(PaymentErrorCode.SenderUnlocking, "unable to validate sender: deposit and reserve is set to unlock soon");
        }

        if (info.Reserve.IsZero)
        {
            return new PaymentError(PaymentErrorCode.NoSenderReserve, "no sender reserve");
        }

        return info.Deposit.IsZero ? new PaymentError(PaymentErrorCode.NoSenderDeposit, "no sender deposit") : null;
    }
}
