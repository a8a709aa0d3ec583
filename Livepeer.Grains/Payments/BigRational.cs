using System.Globalization;
using System.Numerics;
using System.Text;

namespace Livepeer.Payments;

/// <summary>
/// An exact rational number in lowest terms with a positive denominator, standing in for Go's
/// <c>big.Rat</c> (ticket EV, prices per pixel). <c>default</c> is zero.
/// </summary>
public readonly struct BigRational : IEquatable<BigRational>, IComparable<BigRational>
{
    private readonly BigInteger denominator;

    public BigRational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("a rational number cannot have a zero denominator");
        }

        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        Numerator = numerator / gcd;
        this.denominator = denominator / gcd;
    }

    public static BigRational Zero => default;

    public BigInteger Numerator { get; }

    // A default-constructed value has no denominator stored; it means 0/1.
    public BigInteger Denominator => denominator.IsZero ? BigInteger.One : denominator;

    public int Sign => Numerator.Sign;

    public static implicit operator BigRational(BigInteger value) => new(value, BigInteger.One);

    public static implicit operator BigRational(long value) => new(value, BigInteger.One);

    public static BigRational operator +(BigRational left, BigRational right) =>
        new((left.Numerator * right.Denominator) + (right.Numerator * left.Denominator), left.Denominator * right.Denominator);

    public static BigRational operator -(BigRational left, BigRational right) =>
        new((left.Numerator * right.Denominator) - (right.Numerator * left.Denominator), left.Denominator * right.Denominator);

    public static BigRational operator *(BigRational left, BigRational right) =>
        new(left.Numerator * right.Numerator, left.Denominator * right.Denominator);

    public static bool operator ==(BigRational left, BigRational right) => left.Equals(right);

    public static bool operator !=(BigRational left, BigRational right) => !left.Equals(right);

    public static bool operator <(BigRational left, BigRational right) => left.CompareTo(right) < 0;

    public static bool operator >(BigRational left, BigRational right) => left.CompareTo(right) > 0;

    public static bool operator <=(BigRational left, BigRational right) => left.CompareTo(right) <= 0;

    public static bool operator >=(BigRational left, BigRational right) => left.CompareTo(right) >= 0;

    public int CompareTo(BigRational other) =>
        (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public bool Equals(BigRational other) => Numerator == other.Numerator && Denominator == other.Denominator;

    public override bool Equals(object? obj) => obj is BigRational other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    /// <summary>
    /// Decimal form with <paramref name="digits"/> places, the last one rounded half away from
    /// zero, as Go's <c>Rat.FloatString</c> (used in go-livepeer's error texts and tests).
    /// </summary>
    public string ToDecimalString(int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        var scale = BigInteger.Pow(10, digits);
        var whole = BigInteger.DivRem(BigInteger.Abs(Numerator), Denominator, out var remainder);
        var fraction = BigInteger.DivRem(remainder * scale, Denominator, out var fractionRemainder);
        if (fractionRemainder * 2 >= Denominator)
        {
            fraction += 1;
            if (fraction >= scale)
            {
                whole += 1;
                fraction -= scale;
            }
        }

        var text = new StringBuilder();
        if (Numerator.Sign < 0)
        {
            text.Append('-');
        }

        text.Append(whole.ToString(CultureInfo.InvariantCulture));
        if (digits > 0)
        {
            text.Append('.').Append(fraction.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0'));
        }

        return text.ToString();
    }

    /// <summary>"n" for integers, otherwise "n/d", like Go's <c>Rat.RatString</c>.</summary>
    public override string ToString() => Denominator.IsOne
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");
}
