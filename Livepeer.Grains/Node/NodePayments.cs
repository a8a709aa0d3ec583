using System.Globalization;
using System.Numerics;
using Livepeer.Payments;
using Microsoft.Extensions.Options;

namespace Livepeer.Node;

/// <summary>The payment settings of <see cref="NodeOptions"/>, parsed and checked once.</summary>
public sealed class NodePayments(IOptions<NodeOptions> options)
{
    private readonly NodeOptions _options = options.Value;

    public PriceInfo Price => new(_options.PricePerUnit, _options.PixelsPerUnit);

    public TicketParamsConfig TicketConfig => new()
    {
        EV = Wei(_options.TicketEV, nameof(NodeOptions.TicketEV)),
        MaxFaceValue = Wei(_options.TicketMaxFaceValue, nameof(NodeOptions.TicketMaxFaceValue)),
    };

    public SenderLimits SenderLimits => new()
    {
        MaxEV = Wei(_options.MaxTicketEV, nameof(NodeOptions.MaxTicketEV)),
        MaxTotalEV = Wei(_options.MaxTotalEV, nameof(NodeOptions.MaxTotalEV)),
    };

    public BigInteger EmbeddedGasPrice => Wei(_options.EmbeddedGasPrice, nameof(NodeOptions.EmbeddedGasPrice));

    public BigInteger EmbeddedDeposit => Wei(_options.EmbeddedDeposit, nameof(NodeOptions.EmbeddedDeposit));

    public BigInteger EmbeddedReserve => Wei(_options.EmbeddedReserve, nameof(NodeOptions.EmbeddedReserve));

    private static BigInteger Wei(string value, string setting) =>
        BigInteger.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var wei)
            ? wei
            : throw new InvalidOperationException($"Node:{setting} '{value}' is not an amount in wei");
}
