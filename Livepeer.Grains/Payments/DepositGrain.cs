using System.Numerics;

namespace Livepeer.Payments;

public sealed class DepositGrain([PersistentState("deposit")] IPersistentState<DepositState> state) : Grain, IDepositGrain
{
    Task<SenderInfo> IDepositGrain.GetSenderInfo() => Task.FromResult(state.State.ToSenderInfo());

    async Task<SenderInfo> IDepositGrain.FundDepositAndReserve(BigInteger deposit, BigInteger reserve)
    {
        if (deposit.Sign < 0 || reserve.Sign < 0)
            throw new ArgumentOutOfRangeException(nameof(deposit), "funding amounts cannot be negative");
        state.State.Deposit += deposit;
        state.State.Reserve += reserve;
        await state.WriteStateAsync();
        return state.State.ToSenderInfo();
    }
}
