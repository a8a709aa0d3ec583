using System.Numerics;

namespace Livepeer.Payments;

/// <summary>A winning ticket with everything its on-chain redemption needs.</summary>
public sealed record SignedTicket(Ticket Ticket, byte[] Sig, BigInteger RecipientRand);
