using System.Numerics;
using Livepeer.Crypto;

namespace Livepeer.Payments.Serialization;

// The payment domain stays free of Orleans; these surrogates carry its values across grain calls and into grain
// state. Each holds exactly the fields the domain type validates on construction, so a decoded value is re-checked.

[GenerateSerializer]
public struct EthAddressSurrogate
{
    [Id(0)] public byte[] Bytes;
}

[RegisterConverter]
public sealed class EthAddressConverter : IConverter<EthAddress, EthAddressSurrogate>
{
    public EthAddress ConvertFromSurrogate(in EthAddressSurrogate surrogate) => EthAddress.FromBytes(surrogate.Bytes);

    public EthAddressSurrogate ConvertToSurrogate(in EthAddress value) => new() { Bytes = value.ToArray() };
}

[GenerateSerializer]
public struct Hash32Surrogate
{
    [Id(0)] public byte[] Bytes;
}

[RegisterConverter]
public sealed class Hash32Converter : IConverter<Hash32, Hash32Surrogate>
{
    public Hash32 ConvertFromSurrogate(in Hash32Surrogate surrogate) => Hash32.FromBytes(surrogate.Bytes);

    public Hash32Surrogate ConvertToSurrogate(in Hash32 value) => new() { Bytes = value.ToArray() };
}

[GenerateSerializer]
public struct PriceInfoSurrogate
{
    [Id(0)] public long PricePerUnit;
    [Id(1)] public long PixelsPerUnit;
}

[RegisterConverter]
public sealed class PriceInfoConverter : IConverter<PriceInfo, PriceInfoSurrogate>
{
    public PriceInfo ConvertFromSurrogate(in PriceInfoSurrogate surrogate) => new(surrogate.PricePerUnit, surrogate.PixelsPerUnit);

    public PriceInfoSurrogate ConvertToSurrogate(in PriceInfo value) =>
        new() { PricePerUnit = value.PricePerUnit, PixelsPerUnit = value.PixelsPerUnit };
}

[GenerateSerializer]
public struct TicketExpirationParamsSurrogate
{
    [Id(0)] public long CreationRound;
    [Id(1)] public Hash32 CreationRoundBlockHash;
}

[RegisterConverter]
public sealed class TicketExpirationParamsConverter : IConverter<TicketExpirationParams, TicketExpirationParamsSurrogate>
{
    public TicketExpirationParams ConvertFromSurrogate(in TicketExpirationParamsSurrogate surrogate) =>
        new(surrogate.CreationRound, surrogate.CreationRoundBlockHash);

    public TicketExpirationParamsSurrogate ConvertToSurrogate(in TicketExpirationParams value) =>
        new() { CreationRound = value.CreationRound, CreationRoundBlockHash = value.CreationRoundBlockHash };
}

[GenerateSerializer]
public struct TicketParamsSurrogate
{
    [Id(0)] public EthAddress Recipient;
    [Id(1)] public BigInteger FaceValue;
    [Id(2)] public BigInteger WinProb;
    [Id(3)] public Hash32 RecipientRandHash;
    [Id(4)] public BigInteger Seed;
    [Id(5)] public long ExpirationBlock;
    [Id(6)] public PriceInfo PricePerPixel;
    [Id(7)] public TicketExpirationParams ExpirationParams;
}

[RegisterConverter]
public sealed class TicketParamsConverter : IConverter<TicketParams, TicketParamsSurrogate>
{
    public TicketParams ConvertFromSurrogate(in TicketParamsSurrogate s) => new()
    {
        Recipient = s.Recipient,
        FaceValue = s.FaceValue,
        WinProb = s.WinProb,
        RecipientRandHash = s.RecipientRandHash,
        Seed = s.Seed,
        ExpirationBlock = s.ExpirationBlock,
        PricePerPixel = s.PricePerPixel,
        ExpirationParams = s.ExpirationParams,
    };

    public TicketParamsSurrogate ConvertToSurrogate(in TicketParams value) => new()
    {
        Recipient = value.Recipient,
        FaceValue = value.FaceValue,
        WinProb = value.WinProb,
        RecipientRandHash = value.RecipientRandHash,
        Seed = value.Seed,
        ExpirationBlock = value.ExpirationBlock,
        PricePerPixel = value.PricePerPixel,
        ExpirationParams = value.ExpirationParams,
    };
}

[GenerateSerializer]
public struct TicketSenderParamsSurrogate
{
    [Id(0)] public uint SenderNonce;
    [Id(1)] public byte[] Sig;
}

[RegisterConverter]
public sealed class TicketSenderParamsConverter : IConverter<TicketSenderParams, TicketSenderParamsSurrogate>
{
    public TicketSenderParams ConvertFromSurrogate(in TicketSenderParamsSurrogate surrogate) => new(surrogate.SenderNonce, surrogate.Sig);

    public TicketSenderParamsSurrogate ConvertToSurrogate(in TicketSenderParams value) => new() { SenderNonce = value.SenderNonce, Sig = value.Sig };
}

[GenerateSerializer]
public struct TicketBatchSurrogate
{
    [Id(0)] public TicketParams TicketParams;
    [Id(1)] public TicketExpirationParams ExpirationParams;
    [Id(2)] public EthAddress Sender;
    [Id(3)] public List<TicketSenderParams> SenderParams;
}

[RegisterConverter]
public sealed class TicketBatchConverter : IConverter<TicketBatch, TicketBatchSurrogate>
{
    public TicketBatch ConvertFromSurrogate(in TicketBatchSurrogate s) => new(s.TicketParams, s.ExpirationParams, s.Sender, s.SenderParams);

    public TicketBatchSurrogate ConvertToSurrogate(in TicketBatch value) => new()
    {
        TicketParams = value.TicketParams,
        ExpirationParams = value.ExpirationParams,
        Sender = value.Sender,
        SenderParams = [.. value.SenderParams],
    };
}

[GenerateSerializer]
public struct SenderInfoSurrogate
{
    [Id(0)] public BigInteger Deposit;
    [Id(1)] public BigInteger Reserve;
    [Id(2)] public long WithdrawRound;
}

[RegisterConverter]
public sealed class SenderInfoConverter : IConverter<SenderInfo, SenderInfoSurrogate>
{
    public SenderInfo ConvertFromSurrogate(in SenderInfoSurrogate s) => new(s.Deposit, s.Reserve, s.WithdrawRound);

    public SenderInfoSurrogate ConvertToSurrogate(in SenderInfo value) =>
        new() { Deposit = value.Deposit, Reserve = value.Reserve, WithdrawRound = value.WithdrawRound };
}

[GenerateSerializer]
public struct PaymentErrorSurrogate
{
    [Id(0)] public PaymentErrorCode Code;
    [Id(1)] public string Message;
    [Id(2)] public bool IsFatal;
}

[RegisterConverter]
public sealed class PaymentErrorConverter : IConverter<PaymentError, PaymentErrorSurrogate>
{
    public PaymentError ConvertFromSurrogate(in PaymentErrorSurrogate s) => new(s.Code, s.Message, s.IsFatal);

    public PaymentErrorSurrogate ConvertToSurrogate(in PaymentError value) =>
        new() { Code = value.Code, Message = value.Message, IsFatal = value.IsFatal };
}

[GenerateSerializer]
public struct BigRationalSurrogate
{
    [Id(0)] public BigInteger Numerator;
    [Id(1)] public BigInteger Denominator;
}

[RegisterConverter]
public sealed class BigRationalConverter : IConverter<BigRational, BigRationalSurrogate>
{
    public BigRational ConvertFromSurrogate(in BigRationalSurrogate s) => new(s.Numerator, s.Denominator);

    public BigRationalSurrogate ConvertToSurrogate(in BigRational value) =>
        new() { Numerator = value.Numerator, Denominator = value.Denominator };
}

[GenerateSerializer]
public struct TicketSurrogate
{
    [Id(0)] public EthAddress Recipient;
    [Id(1)] public EthAddress Sender;
    [Id(2)] public BigInteger FaceValue;
    [Id(3)] public BigInteger WinProb;
    [Id(4)] public uint SenderNonce;
    [Id(5)] public Hash32 RecipientRandHash;
    [Id(6)] public TicketExpirationParams ExpirationParams;
    [Id(7)] public long ParamsExpirationBlock;
    [Id(8)] public PriceInfo PricePerPixel;
}

[RegisterConverter]
public sealed class TicketConverter : IConverter<Ticket, TicketSurrogate>
{
    public Ticket ConvertFromSurrogate(in TicketSurrogate s) => new()
    {
        Recipient = s.Recipient,
        Sender = s.Sender,
        FaceValue = s.FaceValue,
        WinProb = s.WinProb,
        SenderNonce = s.SenderNonce,
        RecipientRandHash = s.RecipientRandHash,
        ExpirationParams = s.ExpirationParams,
        ParamsExpirationBlock = s.ParamsExpirationBlock,
        PricePerPixel = s.PricePerPixel,
    };

    public TicketSurrogate ConvertToSurrogate(in Ticket value) => new()
    {
        Recipient = value.Recipient,
        Sender = value.Sender,
        FaceValue = value.FaceValue,
        WinProb = value.WinProb,
        SenderNonce = value.SenderNonce,
        RecipientRandHash = value.RecipientRandHash,
        ExpirationParams = value.ExpirationParams,
        ParamsExpirationBlock = value.ParamsExpirationBlock,
        PricePerPixel = value.PricePerPixel,
    };
}

[GenerateSerializer]
public struct SignedTicketSurrogate
{
    [Id(0)] public Ticket Ticket;
    [Id(1)] public byte[] Sig;
    [Id(2)] public BigInteger RecipientRand;
}

[RegisterConverter]
public sealed class SignedTicketConverter : IConverter<SignedTicket, SignedTicketSurrogate>
{
    public SignedTicket ConvertFromSurrogate(in SignedTicketSurrogate s) => new(s.Ticket, s.Sig, s.RecipientRand);

    public SignedTicketSurrogate ConvertToSurrogate(in SignedTicket value) =>
        new() { Ticket = value.Ticket, Sig = value.Sig, RecipientRand = value.RecipientRand };
}
